import { defineTemplate } from '@sauda/notifications';
import { Type } from '@sauda/platform';

/**
 * What dues tells members, in every language and on every channel a member may prefer. WhatsApp
 * texts mirror the templates approved in WhatsApp Business under the names given here.
 */

const ReminderVariables = Type.Object({
  period: Type.String(),
  amount: Type.String(),
  deadline: Type.String(),
});

export const ReminderBeforeDeadline = defineTemplate({
  key: 'dues.reminder-before-deadline',
  variables: ReminderVariables,
  content: {
    email: {
      subject: {
        ru: 'Членский взнос за {period}',
        kk: '{period} мүшелік жарнасы',
        en: 'Membership dues for {period}',
      },
      text: {
        ru: 'Напоминаем: членский взнос за {period} — {amount}. Оплатите до {deadline} в личном кабинете.',
        kk: 'Еске саламыз: {period} мүшелік жарнасы — {amount}. Жеке кабинетте {deadline} дейін төлеңіз.',
        en: 'A reminder: the membership dues for {period} are {amount}. Please pay by {deadline} in your account.',
      },
    },
    sms: {
      text: {
        ru: 'Взнос за {period}: {amount}, оплатите до {deadline}.',
        kk: '{period} жарнасы: {amount}, {deadline} дейін төлеңіз.',
        en: 'Dues for {period}: {amount}, pay by {deadline}.',
      },
    },
    whatsapp: {
      template: 'dues_reminder_before',
      parameters: ['period', 'amount', 'deadline'],
      text: {
        ru: 'Напоминаем: взнос за {period} — {amount}, срок оплаты до {deadline}.',
        kk: 'Еске саламыз: {period} жарнасы — {amount}, төлеу мерзімі {deadline} дейін.',
        en: 'A reminder: the dues for {period} are {amount}, due by {deadline}.',
      },
    },
    in_app: {
      title: { ru: 'Взнос за {period}', kk: '{period} жарнасы', en: 'Dues for {period}' },
      body: {
        ru: 'Оплатите {amount} до {deadline}.',
        kk: '{amount} сомасын {deadline} дейін төлеңіз.',
        en: 'Please pay {amount} by {deadline}.',
      },
    },
  },
});

export const ReminderOnDeadline = defineTemplate({
  key: 'dues.reminder-on-deadline',
  variables: ReminderVariables,
  content: {
    email: {
      subject: {
        ru: 'Сегодня последний день оплаты взноса',
        kk: 'Бүгін жарна төлеудің соңғы күні',
        en: 'Today is the last day to pay the dues',
      },
      text: {
        ru: 'Сегодня, {deadline}, последний день оплаты членского взноса за {period} ({amount}).',
        kk: 'Бүгін, {deadline}, {period} мүшелік жарнасын ({amount}) төлеудің соңғы күні.',
        en: 'Today, {deadline}, is the last day to pay the membership dues for {period} ({amount}).',
      },
    },
    sms: {
      text: {
        ru: 'Сегодня последний день оплаты взноса за {period}: {amount}.',
        kk: 'Бүгін {period} жарнасын төлеудің соңғы күні: {amount}.',
        en: 'Today is the last day to pay the dues for {period}: {amount}.',
      },
    },
    whatsapp: {
      template: 'dues_reminder_deadline',
      parameters: ['period', 'amount', 'deadline'],
      text: {
        ru: 'Сегодня ({deadline}) последний день оплаты взноса за {period}: {amount}.',
        kk: 'Бүгін ({deadline}) {period} жарнасын төлеудің соңғы күні: {amount}.',
        en: 'Today ({deadline}) is the last day to pay the dues for {period}: {amount}.',
      },
    },
    in_app: {
      title: { ru: 'Последний день оплаты', kk: 'Төлеудің соңғы күні', en: 'Last day to pay' },
      body: {
        ru: 'Взнос за {period} ({amount}) нужно оплатить сегодня, {deadline}.',
        kk: '{period} жарнасын ({amount}) бүгін, {deadline}, төлеу керек.',
        en: 'The dues for {period} ({amount}) are due today, {deadline}.',
      },
    },
  },
});

export const ReminderOverdue = defineTemplate({
  key: 'dues.reminder-overdue',
  variables: ReminderVariables,
  content: {
    email: {
      subject: {
        ru: 'Взнос за {period} просрочен',
        kk: '{period} жарнасы мерзімі өтті',
        en: 'The dues for {period} are overdue',
      },
      text: {
        ru: 'Срок оплаты членского взноса за {period} ({amount}) истёк {deadline}. Пожалуйста, оплатите его в личном кабинете.',
        kk: '{period} мүшелік жарнасын ({amount}) төлеу мерзімі {deadline} аяқталды. Жеке кабинетте төлеңіз.',
        en: 'The membership dues for {period} ({amount}) were due on {deadline}. Please pay them in your account.',
      },
    },
    sms: {
      text: {
        ru: 'Взнос за {period} ({amount}) просрочен, срок был {deadline}.',
        kk: '{period} жарнасы ({amount}) кешіктірілді, мерзімі {deadline} болды.',
        en: 'The dues for {period} ({amount}) are overdue since {deadline}.',
      },
    },
    whatsapp: {
      template: 'dues_reminder_overdue',
      parameters: ['period', 'amount', 'deadline'],
      text: {
        ru: 'Взнос за {period} ({amount}) просрочен: срок оплаты был {deadline}.',
        kk: '{period} жарнасы ({amount}) кешіктірілді: төлеу мерзімі {deadline} болды.',
        en: 'The dues for {period} ({amount}) are overdue: they were due on {deadline}.',
      },
    },
    in_app: {
      title: { ru: 'Взнос просрочен', kk: 'Жарна кешіктірілді', en: 'Dues overdue' },
      body: {
        ru: 'Взнос за {period} ({amount}) не оплачен, срок был {deadline}.',
        kk: '{period} жарнасы ({amount}) төленбеді, мерзімі {deadline} болды.',
        en: 'The dues for {period} ({amount}) are unpaid since {deadline}.',
      },
    },
  },
});

const PaymentVariables = Type.Object({ period: Type.String(), amount: Type.String() });

export const PaymentConfirmedMessage = defineTemplate({
  key: 'dues.payment-confirmed',
  variables: PaymentVariables,
  content: {
    email: {
      subject: {
        ru: 'Взнос за {period} получен',
        kk: '{period} жарнасы алынды',
        en: 'Dues for {period} received',
      },
      text: {
        ru: 'Спасибо! Членский взнос за {period} ({amount}) подтверждён. Квитанция доступна в личном кабинете.',
        kk: 'Рахмет! {period} мүшелік жарнасы ({amount}) расталды. Түбіртек жеке кабинетте.',
        en: 'Thank you! The membership dues for {period} ({amount}) are confirmed. The receipt is in your account.',
      },
    },
    sms: {
      text: {
        ru: 'Взнос за {period} ({amount}) подтверждён. Спасибо!',
        kk: '{period} жарнасы ({amount}) расталды. Рахмет!',
        en: 'Dues for {period} ({amount}) confirmed. Thank you!',
      },
    },
    whatsapp: {
      template: 'dues_payment_confirmed',
      parameters: ['period', 'amount'],
      text: {
        ru: 'Взнос за {period} ({amount}) подтверждён. Спасибо!',
        kk: '{period} жарнасы ({amount}) расталды. Рахмет!',
        en: 'The dues for {period} ({amount}) are confirmed. Thank you!',
      },
    },
    in_app: {
      title: { ru: 'Взнос подтверждён', kk: 'Жарна расталды', en: 'Dues confirmed' },
      body: {
        ru: 'Взнос за {period} ({amount}) подтверждён.',
        kk: '{period} жарнасы ({amount}) расталды.',
        en: 'The dues for {period} ({amount}) are confirmed.',
      },
    },
  },
});

export const PaymentRejectedMessage = defineTemplate({
  key: 'dues.payment-rejected',
  variables: Type.Object({ period: Type.String(), reason: Type.String() }),
  content: {
    email: {
      subject: {
        ru: 'Платёж за {period} не подтверждён',
        kk: '{period} төлемі расталмады',
        en: 'Payment for {period} not confirmed',
      },
      text: {
        ru: 'Платёж за {period} не подтверждён: {reason}. Проверьте чек или оплатите заново в личном кабинете.',
        kk: '{period} төлемі расталмады: {reason}. Түбіртекті тексеріңіз немесе жеке кабинетте қайта төлеңіз.',
        en: 'The payment for {period} was not confirmed: {reason}. Check the receipt or pay again in your account.',
      },
    },
    sms: {
      text: {
        ru: 'Платёж за {period} не подтверждён: {reason}',
        kk: '{period} төлемі расталмады: {reason}',
        en: 'Payment for {period} not confirmed: {reason}',
      },
    },
    whatsapp: {
      template: 'dues_payment_rejected',
      parameters: ['period', 'reason'],
      text: {
        ru: 'Платёж за {period} не подтверждён: {reason}',
        kk: '{period} төлемі расталмады: {reason}',
        en: 'The payment for {period} was not confirmed: {reason}',
      },
    },
    in_app: {
      title: { ru: 'Платёж не подтверждён', kk: 'Төлем расталмады', en: 'Payment not confirmed' },
      body: {
        ru: 'Платёж за {period}: {reason}',
        kk: '{period} төлемі: {reason}',
        en: 'Payment for {period}: {reason}',
      },
    },
  },
});
