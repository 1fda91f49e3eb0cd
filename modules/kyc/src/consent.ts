import type { Localized } from '@sauda/platform';

/**
 * The consent to personal-data processing that KYC asks for (Law of the Republic of Kazakhstan
 * "On personal data and their protection"). A changed text gets a new version; a start request must
 * name the version it showed, so nobody consents to a text they did not see.
 */
export const KYC_CONSENT = {
  version: '2026-01',
  text: {
    ru:
      'Я даю согласие на сбор и обработку моих персональных данных (ИИН, фамилия, имя, отчество, дата ' +
      'рождения, данные и изображения документа, удостоверяющего личность, селфи) для идентификации по ' +
      'требованиям законодательства Республики Казахстан о противодействии легализации доходов, в том ' +
      'числе на их передачу оператору проверки и сверку с государственной базой данных физических лиц. ' +
      'Данные хранятся на территории Республики Казахстан в зашифрованном виде и удаляются по истечении ' +
      'срока хранения после закрытия аккаунта.',
    kk:
      'Мен Қазақстан Республикасының кірістерді заңдастыруға қарсы іс-қимыл туралы заңнамасының талаптары ' +
      'бойынша сәйкестендіру үшін дербес деректерімді (ЖСН, тегі, аты, әкесінің аты, туған күні, жеке ' +
      'басын куәландыратын құжаттың деректері мен суреттері, селфи) жинауға және өңдеуге, оның ішінде ' +
      'оларды тексеру операторына беруге және жеке тұлғалардың мемлекеттік дерекқорымен салыстыруға ' +
      'келісім беремін. Деректер Қазақстан Республикасының аумағында шифрланған түрде сақталады және ' +
      'аккаунт жабылғаннан кейін сақтау мерзімі өткенде жойылады.',
    en:
      'I consent to the collection and processing of my personal data (IIN, surname, first name, patronymic, ' +
      'date of birth, the data and images of my identity document, a selfie) for identification as required ' +
      'by the anti-money-laundering laws of the Republic of Kazakhstan, including its transfer to the ' +
      'verification operator and its comparison with the state database of individuals. The data is kept ' +
      'encrypted in the Republic of Kazakhstan and deleted when its retention period after account closure ends.',
  } satisfies Localized,
} as const;
