import type { Executor, Locale, Localized } from '@sauda/platform';
import type { CodeChannel, CodePurpose } from './identity.tables.ts';

/**
 * The port through which identity sends one-time codes and security notices. Identity never talks
 * to a mail or SMS gateway itself; the composition root adapts this to the notifications module.
 * The executor is the transaction that stored the code (or made the change), so a message is
 * queued exactly when the code exists (or the change happened).
 */
export interface CodeMessage {
  readonly userId: string;
  readonly channel: CodeChannel;
  /** E.164 phone for `sms`, address for `email`. */
  readonly address: string;
  readonly purpose: CodePurpose;
  readonly code: string;
  readonly locale: Locale;
  readonly expiresInMinutes: number;
}

/** A security alert about the account that carries no code: something changed, or it was not you. */
export type SecurityNoticeKind = 'email-changed' | 'phone-changed' | 'password-changed';

export interface SecurityNotice {
  readonly userId: string;
  readonly kind: SecurityNoticeKind;
  /** Where to send it: at least one of them; every one given gets the notice. */
  readonly email?: string | undefined;
  readonly phone?: string | undefined;
  readonly locale: Locale;
}

export interface IdentityNotifier {
  /** Returns the id of the message that carries the code, kept with the code for support. */
  sendCode(executor: Executor, message: CodeMessage): Promise<{ messageId: string }>;
  /** Sends a security notice (always delivered: users cannot opt out of security messages). */
  sendNotice(executor: Executor, notice: SecurityNotice): Promise<{ messageId: string }>;
}

/** Texts of a message per channel; code messages use `{code}` and `{minutes}` placeholders. */
export interface CodeMessageTexts {
  readonly email: { readonly subject: Localized; readonly text: Localized };
  readonly sms: { readonly text: Localized };
}

export const codeMessageTexts: Record<CodePurpose, CodeMessageTexts> = {
  'verify-email': {
    email: {
      subject: {
        ru: 'Код подтверждения Sauda: {code}',
        kk: 'Sauda растау коды: {code}',
        en: 'Your Sauda verification code: {code}',
      },
      text: {
        ru: 'Ваш код подтверждения email: {code}. Он действует {minutes} минут. Если вы не регистрировались в Sauda, просто проигнорируйте это письмо.',
        kk: 'Email растау кодыңыз: {code}. Ол {minutes} минут жарамды. Егер Sauda-да тіркелмеген болсаңыз, бұл хатты елемеңіз.',
        en: 'Your email verification code is {code}. It is valid for {minutes} minutes. If you did not sign up for Sauda, ignore this message.',
      },
    },
    sms: {
      text: {
        ru: 'Sauda: код подтверждения {code}, действует {minutes} мин.',
        kk: 'Sauda: растау коды {code}, {minutes} мин жарамды.',
        en: 'Sauda: verification code {code}, valid {minutes} min.',
      },
    },
  },
  'verify-phone': {
    email: {
      subject: {
        ru: 'Код подтверждения Sauda: {code}',
        kk: 'Sauda растау коды: {code}',
        en: 'Your Sauda verification code: {code}',
      },
      text: {
        ru: 'Ваш код подтверждения телефона: {code}. Он действует {minutes} минут.',
        kk: 'Телефонды растау кодыңыз: {code}. Ол {minutes} минут жарамды.',
        en: 'Your phone verification code is {code}. It is valid for {minutes} minutes.',
      },
    },
    sms: {
      text: {
        ru: 'Sauda: код подтверждения {code}, действует {minutes} мин. Никому его не сообщайте.',
        kk: 'Sauda: растау коды {code}, {minutes} мин жарамды. Оны ешкімге айтпаңыз.',
        en: 'Sauda: verification code {code}, valid {minutes} min. Do not share it.',
      },
    },
  },
  'reset-password': {
    email: {
      subject: {
        ru: 'Сброс пароля Sauda: код {code}',
        kk: 'Sauda құпиясөзін қалпына келтіру: код {code}',
        en: 'Sauda password reset code: {code}',
      },
      text: {
        ru: 'Код для сброса пароля: {code}. Он действует {minutes} минут. Если вы не запрашивали сброс, проигнорируйте это письмо — пароль не изменится.',
        kk: 'Құпиясөзді қалпына келтіру коды: {code}. Ол {minutes} минут жарамды. Егер сіз сұрамаған болсаңыз, бұл хатты елемеңіз — құпиясөз өзгермейді.',
        en: 'Your password reset code is {code}. It is valid for {minutes} minutes. If you did not ask for a reset, ignore this message: your password stays the same.',
      },
    },
    sms: {
      text: {
        ru: 'Sauda: код сброса пароля {code}, действует {minutes} мин. Никому его не сообщайте.',
        kk: 'Sauda: құпиясөзді қалпына келтіру коды {code}, {minutes} мин жарамды. Оны ешкімге айтпаңыз.',
        en: 'Sauda: password reset code {code}, valid {minutes} min. Do not share it.',
      },
    },
  },
  'change-email': {
    email: {
      subject: {
        ru: 'Подтвердите новый email для Sauda: {code}',
        kk: 'Sauda үшін жаңа email-ды растаңыз: {code}',
        en: 'Confirm your new Sauda email: {code}',
      },
      text: {
        ru: 'Код для смены email в вашей учётной записи Sauda: {code}. Он действует {minutes} минут. Если вы не меняли email, проигнорируйте это письмо — адрес не будет привязан.',
        kk: 'Sauda есептік жазбаңыздағы email-ды өзгерту коды: {code}. Ол {minutes} минут жарамды. Егер сіз email-ды өзгертпеген болсаңыз, бұл хатты елемеңіз — мекенжай байланыстырылмайды.',
        en: 'Your code to change the email of your Sauda account is {code}. It is valid for {minutes} minutes. If you did not ask for this, ignore this message: the address will not be linked.',
      },
    },
    sms: {
      text: {
        ru: 'Sauda: код смены email {code}, действует {minutes} мин. Никому его не сообщайте.',
        kk: 'Sauda: email-ды өзгерту коды {code}, {minutes} мин жарамды. Оны ешкімге айтпаңыз.',
        en: 'Sauda: email change code {code}, valid {minutes} min. Do not share it.',
      },
    },
  },
  'change-phone': {
    email: {
      subject: {
        ru: 'Подтвердите новый телефон для Sauda: {code}',
        kk: 'Sauda үшін жаңа телефонды растаңыз: {code}',
        en: 'Confirm your new Sauda phone number: {code}',
      },
      text: {
        ru: 'Код для смены телефона в вашей учётной записи Sauda: {code}. Он действует {minutes} минут.',
        kk: 'Sauda есептік жазбаңыздағы телефонды өзгерту коды: {code}. Ол {minutes} минут жарамды.',
        en: 'Your code to change the phone number of your Sauda account is {code}. It is valid for {minutes} minutes.',
      },
    },
    sms: {
      text: {
        ru: 'Sauda: код смены телефона {code}, действует {minutes} мин. Никому его не сообщайте.',
        kk: 'Sauda: телефонды өзгерту коды {code}, {minutes} мин жарамды. Оны ешкімге айтпаңыз.',
        en: 'Sauda: phone change code {code}, valid {minutes} min. Do not share it.',
      },
    },
  },
};

/** The texts of the security notices, without placeholders, for the adapter's templates. */
export const securityNoticeTexts: Record<SecurityNoticeKind, CodeMessageTexts> = {
  'email-changed': {
    email: {
      subject: {
        ru: 'Email вашей учётной записи Sauda изменён',
        kk: 'Sauda есептік жазбаңыздың email-ы өзгертілді',
        en: 'The email of your Sauda account was changed',
      },
      text: {
        ru: 'Email вашей учётной записи Sauda только что изменён, и на этот адрес письма больше приходить не будут. Если это сделали не вы, срочно обратитесь в поддержку Sauda.',
        kk: 'Sauda есептік жазбаңыздың email-ы жаңа ғана өзгертілді, бұл мекенжайға хаттар енді келмейді. Егер мұны сіз жасамаған болсаңыз, Sauda қолдау қызметіне дереу хабарласыңыз.',
        en: 'The email of your Sauda account was just changed; this address will no longer receive our messages. If this was not you, contact Sauda support right away.',
      },
    },
    sms: {
      text: {
        ru: 'Sauda: email вашей учётной записи изменён. Если это были не вы, срочно обратитесь в поддержку.',
        kk: 'Sauda: есептік жазбаңыздың email-ы өзгертілді. Бұл сіз болмасаңыз, қолдау қызметіне дереу хабарласыңыз.',
        en: 'Sauda: your account email was changed. If this was not you, contact support right away.',
      },
    },
  },
  'phone-changed': {
    email: {
      subject: {
        ru: 'Телефон вашей учётной записи Sauda изменён',
        kk: 'Sauda есептік жазбаңыздың телефоны өзгертілді',
        en: 'The phone number of your Sauda account was changed',
      },
      text: {
        ru: 'Номер телефона вашей учётной записи Sauda только что изменён. Если это сделали не вы, срочно обратитесь в поддержку Sauda.',
        kk: 'Sauda есептік жазбаңыздың телефон нөмірі жаңа ғана өзгертілді. Егер мұны сіз жасамаған болсаңыз, Sauda қолдау қызметіне дереу хабарласыңыз.',
        en: 'The phone number of your Sauda account was just changed. If this was not you, contact Sauda support right away.',
      },
    },
    sms: {
      text: {
        ru: 'Sauda: телефон вашей учётной записи изменён, SMS на этот номер больше не придут. Если это были не вы, срочно обратитесь в поддержку.',
        kk: 'Sauda: есептік жазбаңыздың телефоны өзгертілді, бұл нөмірге SMS енді келмейді. Бұл сіз болмасаңыз, қолдау қызметіне дереу хабарласыңыз.',
        en: 'Sauda: your account phone number was changed; this number will get no more messages. If this was not you, contact support right away.',
      },
    },
  },
  'password-changed': {
    email: {
      subject: {
        ru: 'Пароль Sauda изменён',
        kk: 'Sauda құпиясөзі өзгертілді',
        en: 'Your Sauda password was changed',
      },
      text: {
        ru: 'Пароль вашей учётной записи Sauda только что изменён, все остальные сеансы завершены. Если это сделали не вы, восстановите пароль и обратитесь в поддержку Sauda.',
        kk: 'Sauda есептік жазбаңыздың құпиясөзі жаңа ғана өзгертілді, басқа барлық сеанстар аяқталды. Егер мұны сіз жасамаған болсаңыз, құпиясөзді қалпына келтіріп, Sauda қолдау қызметіне хабарласыңыз.',
        en: 'The password of your Sauda account was just changed and every other session was signed out. If this was not you, reset your password and contact Sauda support.',
      },
    },
    sms: {
      text: {
        ru: 'Sauda: пароль изменён. Если это были не вы, восстановите пароль и обратитесь в поддержку.',
        kk: 'Sauda: құпиясөз өзгертілді. Бұл сіз болмасаңыз, құпиясөзді қалпына келтіріп, қолдау қызметіне хабарласыңыз.',
        en: 'Sauda: your password was changed. If this was not you, reset it and contact support.',
      },
    },
  },
};
