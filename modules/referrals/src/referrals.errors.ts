import { defineErrors } from '@sauda/platform';

export const ReferralsErrors = defineErrors({
  REFERRALS_CODE_NOT_FOUND: {
    status: 404,
    message: {
      ru: 'Реферальный код не найден',
      kk: 'Рефералдық код табылмады',
      en: 'Referral code not found',
    },
  },
  REFERRALS_SELF_REFERRAL: {
    status: 422,
    message: {
      ru: 'Нельзя использовать собственный реферальный код',
      kk: 'Өз рефералдық кодыңызды пайдалануға болмайды',
      en: 'You cannot use your own referral code',
    },
  },
  REFERRALS_MUTUAL: {
    status: 422,
    message: {
      ru: 'Этот пользователь уже зарегистрировался по вашему коду: пригласить друг друга нельзя',
      kk: 'Бұл пайдаланушы сіздің кодыңызбен тіркелген: бір-біріңізді шақыруға болмайды',
      en: 'This user already joined with your code: two people cannot invite each other',
    },
  },
  REFERRALS_SAME_DEVICE: {
    status: 422,
    message: {
      ru: 'Код пригласившего нельзя использовать с его же устройства',
      kk: 'Шақырушының кодын оның өз құрылғысынан пайдалануға болмайды',
      en: "A referral code cannot be used from the referrer's own device",
    },
  },
  REFERRALS_ALREADY_CLAIMED: {
    status: 409,
    message: {
      ru: 'Вы уже указали реферальный код',
      kk: 'Сіз рефералдық кодты бұрын көрсеттіңіз',
      en: 'You already used a referral code',
    },
  },
  REFERRALS_CLAIM_WINDOW_CLOSED: {
    status: 422,
    message: {
      ru: 'Реферальный код можно указать только в течение {days} дней после регистрации',
      kk: 'Рефералдық кодты тіркелгеннен кейін {days} күн ішінде ғана көрсетуге болады',
      en: 'A referral code can only be used within {days} days of signing up',
    },
  },
  REFERRALS_AMOUNT_INVALID: {
    status: 422,
    message: {
      ru: 'Сумма должна быть положительным числом с не более чем {decimals} знаками после точки',
      kk: 'Сома нүктеден кейін {decimals} таңбадан аспайтын оң сан болуы керек',
      en: 'The amount must be a positive number with at most {decimals} fraction digits',
    },
  },
  REFERRALS_CURSOR_INVALID: {
    status: 400,
    message: {
      ru: 'Неверный курсор страницы',
      kk: 'Бет курсоры қате',
      en: 'The page cursor is not valid',
    },
  },
});

export type ReferralsErrorCode = keyof typeof ReferralsErrors;
