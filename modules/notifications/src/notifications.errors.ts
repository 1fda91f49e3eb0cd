import { defineErrors } from '@sauda/platform';

export const NotificationsErrors = defineErrors({
  NOTIFICATIONS_NOT_FOUND: {
    status: 404,
    message: {
      ru: 'Уведомление не найдено',
      kk: 'Хабарлама табылмады',
      en: 'Notification not found',
    },
  },
  NOTIFICATIONS_SECURITY_ALWAYS_ON: {
    status: 422,
    message: {
      ru: 'Уведомления безопасности нельзя отключить',
      kk: 'Қауіпсіздік хабарламаларын өшіруге болмайды',
      en: 'Security notifications cannot be turned off',
    },
  },
  NOTIFICATIONS_RECIPIENT_MISSING: {
    status: 400,
    message: {
      ru: 'Не указан получатель для канала {channel}',
      kk: '{channel} арнасы үшін алушы көрсетілмеген',
      en: 'No recipient given for the {channel} channel',
    },
  },
  NOTIFICATIONS_INVALID_RECIPIENT: {
    status: 400,
    message: {
      ru: 'Неверный адрес получателя для канала {channel}',
      kk: '{channel} арнасы үшін алушының мекенжайы қате',
      en: 'The recipient address for the {channel} channel is not valid',
    },
  },
  NOTIFICATIONS_NO_CHANNEL: {
    status: 400,
    message: {
      ru: 'Сообщение некуда доставить: нет подходящего канала',
      kk: 'Хабарды жеткізетін жер жоқ: қолайлы арна жоқ',
      en: 'The message has nowhere to go: no suitable channel',
    },
  },
});
