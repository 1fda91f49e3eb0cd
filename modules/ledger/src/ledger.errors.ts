import { defineErrors } from '@sauda/platform';

/** Stable codes of the ledger; params named in braces are filled from AppError.params. */
export const LedgerErrors = defineErrors({
  LEDGER_AMOUNT_INVALID: {
    status: 400,
    message: {
      ru: 'Сумма должна быть целым положительным числом минимальных единиц (получено {amount})',
      kk: 'Сома ең кіші бірліктердің бүтін оң саны болуы керек (алынғаны {amount})',
      en: 'The amount must be a whole positive number of minor units (got {amount})',
    },
  },
  LEDGER_AMOUNT_TOO_LARGE: {
    status: 400,
    message: {
      ru: 'Сумма {amount} превышает допустимый предел {max}',
      kk: '{amount} сомасы рұқсат етілген {max} шегінен асады',
      en: 'The amount {amount} exceeds the limit of {max}',
    },
  },
  LEDGER_AMOUNT_PRECISION: {
    status: 400,
    message: {
      ru: 'В сумме {amount} больше знаков после запятой, чем у актива {asset} ({decimals})',
      kk: '{amount} сомасында {asset} активіндегіден ({decimals}) көп бөлшек таңба бар',
      en: 'The amount {amount} has more fraction digits than {asset} allows ({decimals})',
    },
  },
  LEDGER_TRANSFER_ID_INVALID: {
    status: 400,
    message: {
      ru: 'Идентификатор перевода должен содержать от 1 до 100 символов A-Z a-z 0-9 _ : . - и не начинаться с «expiry:»',
      kk: 'Аударым идентификаторы 1-ден 100-ге дейін A-Z a-z 0-9 _ : . - таңбаларынан тұрып, «expiry:» деп басталмауы керек',
      en: 'A transfer id must be 1 to 100 characters of A-Z a-z 0-9 _ : . - and must not start with "expiry:"',
    },
  },
  LEDGER_CODE_INVALID: {
    status: 400,
    message: {
      ru: 'Код «{code}» должен состоять из 1–64 строчных латинских букв, цифр, «_», «.» или «-»',
      kk: '«{code}» коды 1–64 кіші латын әрпінен, цифрдан, «_», «.» немесе «-» таңбасынан тұруы керек',
      en: 'The code "{code}" must be 1 to 64 lowercase Latin letters, digits, "_", "." or "-"',
    },
  },
  LEDGER_OWNER_INVALID: {
    status: 400,
    message: {
      ru: 'Владелец счёта должен быть ссылкой вида usr_… или platform:fees (до 128 символов)',
      kk: 'Шот иесі usr_… немесе platform:fees түріндегі сілтеме болуы керек (128 таңбаға дейін)',
      en: 'An account owner must be a reference such as usr_… or platform:fees (up to 128 characters)',
    },
  },
  LEDGER_METADATA_INVALID: {
    status: 400,
    message: {
      ru: 'Метаданные должны быть объектом не более чем из 32 строковых полей (ключ до 64, значение до 256 символов)',
      kk: 'Метадеректер 32-ден аспайтын жолдық өрістерден тұратын нысан болуы керек (кілт 64, мән 256 таңбаға дейін)',
      en: 'Metadata must be an object of at most 32 string fields (keys up to 64, values up to 256 characters)',
    },
  },
  LEDGER_TIMEOUT_INVALID: {
    status: 400,
    message: {
      ru: 'Срок удержания должен быть целым числом секунд от 1 до 31536000',
      kk: 'Ұстау мерзімі 1-ден 31536000-ға дейінгі бүтін секунд болуы керек',
      en: 'A hold timeout must be a whole number of seconds from 1 to 31536000',
    },
  },
  LEDGER_SAME_ACCOUNT: {
    status: 400,
    message: {
      ru: 'Дебетовый и кредитовый счета перевода должны различаться',
      kk: 'Аударымның дебеттік және кредиттік шоттары әртүрлі болуы керек',
      en: 'The debit and credit accounts of a transfer must differ',
    },
  },
  LEDGER_BATCH_INVALID: {
    status: 400,
    message: {
      ru: 'Пакет должен содержать от 1 до {max} переводов с разными идентификаторами',
      kk: 'Пакетте әртүрлі идентификаторлары бар 1-ден {max}-ге дейін аударым болуы керек',
      en: 'A batch must hold 1 to {max} transfers with distinct ids',
    },
  },
  LEDGER_ASSET_INVALID: {
    status: 400,
    message: {
      ru: 'Актив {asset}: код из 2–12 заглавных латинских букв и цифр, от 0 до 18 знаков после запятой',
      kk: '{asset} активі: 2–12 бас латын әрпі мен цифрдан тұратын код, үтірден кейін 0-ден 18-ге дейін таңба',
      en: 'Asset {asset}: a code of 2 to 12 capital Latin letters and digits, 0 to 18 decimals',
    },
  },
  LEDGER_ASSET_UNKNOWN: {
    status: 404,
    message: {
      ru: 'Актив {asset} не зарегистрирован в реестре',
      kk: '{asset} активі тізілімде тіркелмеген',
      en: 'The asset {asset} is not registered with the ledger',
    },
  },
  LEDGER_ASSET_CONFLICT: {
    status: 409,
    message: {
      ru: 'Актив {asset} уже зарегистрирован с {decimals} знаками после запятой',
      kk: '{asset} активі үтірден кейін {decimals} таңбамен тіркеліп қойған',
      en: 'The asset {asset} is already registered with {decimals} decimals',
    },
  },
  LEDGER_ACCOUNT_NOT_FOUND: {
    status: 404,
    message: {
      ru: 'Счёт {accountId} не найден',
      kk: '{accountId} шоты табылмады',
      en: 'Account {accountId} was not found',
    },
  },
  LEDGER_ACCOUNT_EXISTS_MISMATCH: {
    status: 409,
    message: {
      ru: 'Счёт этого владельца с кодом {code} в {asset} уже существует с другим значением поля {field}',
      kk: 'Осы иенің {asset} активіндегі {code} кодты шоты {field} өрісінің басқа мәнімен бар',
      en: 'This owner already has a {code} account in {asset} with a different {field}',
    },
  },
  LEDGER_ACCOUNT_CLOSED: {
    status: 409,
    message: {
      ru: 'Счёт {accountId} закрыт',
      kk: '{accountId} шоты жабық',
      en: 'Account {accountId} is closed',
    },
  },
  LEDGER_ASSET_MISMATCH: {
    status: 422,
    message: {
      ru: 'Счета перевода в разных активах: {debitAsset} и {creditAsset}',
      kk: 'Аударым шоттары әртүрлі активте: {debitAsset} және {creditAsset}',
      en: 'The accounts of the transfer hold different assets: {debitAsset} and {creditAsset}',
    },
  },
  LEDGER_INSUFFICIENT_FUNDS: {
    status: 422,
    message: {
      ru: 'Недостаточно средств на счёте {accountId}: доступно {available}, требуется {amount}',
      kk: '{accountId} шотында қаражат жеткіліксіз: қолжетімді {available}, қажет {amount}',
      en: 'Insufficient funds on account {accountId}: {available} available, {amount} needed',
    },
  },
  LEDGER_CREDITS_EXCEED_DEBITS: {
    status: 422,
    message: {
      ru: 'Кредиты счёта {accountId} превысили бы его дебеты',
      kk: '{accountId} шотының кредиттері оның дебеттерінен асып кетер еді',
      en: 'The credits of account {accountId} would exceed its debits',
    },
  },
  LEDGER_OVERFLOW: {
    status: 422,
    message: {
      ru: 'Итоги счёта {accountId} превысили бы предел разрядности',
      kk: '{accountId} шотының қорытындылары разрядтық шектен асып кетер еді',
      en: 'The totals of account {accountId} would overflow',
    },
  },
  LEDGER_TRANSFER_EXISTS_MISMATCH: {
    status: 409,
    message: {
      ru: 'Перевод {transferId} уже был отправлен с другим значением поля {field}',
      kk: '{transferId} аударымы {field} өрісінің басқа мәнімен жіберілген',
      en: 'Transfer {transferId} was already submitted with a different {field}',
    },
  },
  LEDGER_TRANSFER_NOT_FOUND: {
    status: 404,
    message: {
      ru: 'Перевод {transferId} не найден',
      kk: '{transferId} аударымы табылмады',
      en: 'Transfer {transferId} was not found',
    },
  },
  LEDGER_PENDING_NOT_FOUND: {
    status: 404,
    message: {
      ru: 'Удержание {pendingId} не найдено',
      kk: '{pendingId} ұстауы табылмады',
      en: 'Pending transfer {pendingId} was not found',
    },
  },
  LEDGER_NOT_PENDING: {
    status: 409,
    message: {
      ru: 'Перевод {pendingId} не является удержанием',
      kk: '{pendingId} аударымы ұстау емес',
      en: 'Transfer {pendingId} is not a pending transfer',
    },
  },
  LEDGER_PENDING_ALREADY_RESOLVED: {
    status: 409,
    message: {
      ru: 'Удержание {pendingId} уже завершено ({resolution})',
      kk: '{pendingId} ұстауы аяқталған ({resolution})',
      en: 'Pending transfer {pendingId} is already resolved ({resolution})',
    },
  },
  LEDGER_PENDING_EXPIRED: {
    status: 409,
    message: {
      ru: 'Срок удержания {pendingId} истёк',
      kk: '{pendingId} ұстауының мерзімі өтті',
      en: 'Pending transfer {pendingId} has expired',
    },
  },
  LEDGER_PENDING_NOT_EXPIRED: {
    status: 409,
    message: {
      ru: 'Срок удержания {pendingId} ещё не истёк',
      kk: '{pendingId} ұстауының мерзімі әлі өтпеді',
      en: 'Pending transfer {pendingId} has not expired yet',
    },
  },
  LEDGER_POST_EXCEEDS_PENDING: {
    status: 422,
    message: {
      ru: 'Нельзя провести {amount}: удержано только {pendingAmount}',
      kk: '{amount} өткізу мүмкін емес: тек {pendingAmount} ұсталған',
      en: 'Cannot post {amount}: only {pendingAmount} is held',
    },
  },
  LEDGER_NOT_REVERSIBLE: {
    status: 409,
    message: {
      ru: 'Перевод {transferId} нельзя сторнировать: сторнируются только проведённые переводы',
      kk: '{transferId} аударымын сторнолау мүмкін емес: тек өткізілген аударымдар сторноланады',
      en: 'Transfer {transferId} cannot be reversed: only posted movements can',
    },
  },
  LEDGER_ALREADY_REVERSED: {
    status: 409,
    message: {
      ru: 'Перевод {transferId} уже сторнирован',
      kk: '{transferId} аударымы сторноланған',
      en: 'Transfer {transferId} is already reversed',
    },
  },
  LEDGER_LINKED_TRANSFER_FAILED: {
    status: 422,
    message: {
      ru: 'Связанный перевод {failedId} не прошёл ({failedCode}), поэтому весь пакет отклонён',
      kk: 'Байланысты {failedId} аударымы өтпеді ({failedCode}), сондықтан бүкіл пакет қабылданбады',
      en: 'Linked transfer {failedId} failed ({failedCode}), so the whole batch was rejected',
    },
  },
  LEDGER_CURSOR_INVALID: {
    status: 400,
    message: {
      ru: 'Курсор страницы повреждён или устарел',
      kk: 'Бет курсоры бүлінген немесе ескірген',
      en: 'The page cursor is damaged or stale',
    },
  },
  LEDGER_FILTER_INVALID: {
    status: 400,
    message: {
      ru: 'Фильтр выписки задан неверно: {reason}',
      kk: 'Үзінді сүзгісі қате берілген: {reason}',
      en: 'The statement filter is not valid: {reason}',
    },
  },
});

export type LedgerErrorCode = keyof typeof LedgerErrors;
