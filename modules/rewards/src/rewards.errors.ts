import { defineErrors } from '@sauda/platform';

export const RewardsErrors = defineErrors({
  REWARDS_REWARD_NOT_FOUND: {
    status: 404,
    message: {
      ru: 'Вознаграждение не найдено',
      kk: 'Сыйақы табылмады',
      en: 'Reward not found',
    },
  },
  REWARDS_CURSOR_INVALID: {
    status: 400,
    message: {
      ru: 'Неверный курсор страницы',
      kk: 'Бет курсоры қате',
      en: 'The page cursor is not valid',
    },
  },
  REWARDS_PERIOD_INVALID: {
    status: 400,
    message: {
      ru: 'Неверный период: «{from}» позже «{to}»',
      kk: 'Кезең қате: «{from}» күні «{to}» күнінен кейін',
      en: 'Invalid period: "{from}" is after "{to}"',
    },
  },
  REWARDS_RATE_INVALID: {
    status: 422,
    message: {
      ru: 'Курс должен быть положительным десятичным числом, не больше 12 знаков после точки',
      kk: 'Бағам оң ондық сан болуы керек, нүктеден кейін 12 таңбадан аспауы тиіс',
      en: 'The rate must be a positive decimal number with at most 12 fraction digits',
    },
  },
  REWARDS_CURRENCY_UNKNOWN: {
    status: 422,
    message: {
      ru: 'Неизвестная валюта: {currency}',
      kk: 'Белгісіз валюта: {currency}',
      en: 'Unknown currency: {currency}',
    },
  },
  REWARDS_RATE_IN_USE: {
    status: 409,
    message: {
      ru: 'Курс {currency} на {day} уже использован для расчёта вознаграждений и не может быть изменён',
      kk: '{day} күнгі {currency} бағамы сыйақыларды есептеуге қолданылды, оны өзгертуге болмайды',
      en: 'The {currency} rate of {day} was already used to price rewards and cannot be changed',
    },
  },
  REWARDS_RATE_DAY_IN_FUTURE: {
    status: 422,
    message: {
      ru: 'Нельзя ввести курс на будущую дату {day}',
      kk: 'Болашақ {day} күнге бағам енгізуге болмайды',
      en: 'A rate cannot be entered for a future day ({day})',
    },
  },
  REWARDS_AMOUNT_INVALID: {
    status: 422,
    message: {
      ru: 'Сумма должна быть положительным числом с не более чем {decimals} знаками после точки',
      kk: 'Сома нүктеден кейін {decimals} таңбадан аспайтын оң сан болуы керек',
      en: 'The amount must be a positive number with at most {decimals} fraction digits',
    },
  },
  REWARDS_USER_UNKNOWN: {
    status: 404,
    message: {
      ru: 'Пользователь не найден',
      kk: 'Пайдаланушы табылмады',
      en: 'User not found',
    },
  },
});

export type RewardsErrorCode = keyof typeof RewardsErrors;
