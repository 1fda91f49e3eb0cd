import type { Localized } from '../localized.ts';

/** Privacy policy, version 2026-01-01 (identity's `privacy`; draft, the operator supplies the final text). */
export const privacy20260101: Localized = {
  ru: `## 1. Общие положения

1.1. Настоящая Политика описывает, какие персональные данные обрабатывает оператор сервиса Sauda (далее — Оператор), зачем, как долго и как они защищены, в соответствии с Законом Республики Казахстан «О персональных данных и их защите».

## 2. Какие данные мы обрабатываем

2.1. Данные аккаунта: имя, номер телефона, адрес электронной почты, язык, хеш пароля, настройки уведомлений.

2.2. Данные идентификации: ИИН, сведения документа, удостоверяющего личность, фото документа и селфи, результаты проверок провайдера и Государственной базы данных физических лиц.

2.3. Данные об участии в программе: переходы к партнёрам, заказы, сообщённые партнёрами, начисления и выводы вознаграждения, адреса криптокошельков для вывода.

2.4. Технические данные: IP-адрес, сведения о браузере и устройстве, сеансы входа, журналы безопасности.

## 3. Цели обработки

3.1. Регистрация и вход, защита аккаунта; идентификация по требованиям особого режима Национального Банка РК и законодательства о противодействии легализации доходов; учёт и выплата вознаграждения; уведомления; поддержка пользователей; отчётность перед регулятором; исполнение требований закона.

## 4. Основания обработки

4.1. Согласие пользователя (даётся при регистрации и отдельно — перед идентификацией), исполнение договора (Пользовательского соглашения и Правил программы) и требования законодательства.

## 5. Хранение и защита

5.1. Данные граждан Республики Казахстан хранятся на серверах на территории Казахстана.

5.2. ИИН, данные документов и изображения хранятся в зашифрованном виде (AES-256-GCM); доступ к ним имеют только уполномоченные сотрудники, и каждый такой доступ записывается в журнал.

5.3. Пароли хранятся только в виде хешей Argon2id. Вход может защищаться вторым фактором.

## 6. Передача третьим лицам

6.1. Данные передаются только в объёме, необходимом для цели: провайдеру идентификации — для проверки личности; операторам SMS и электронной почты — для доставки сообщений; государственным органам — по требованию закона. Партнёрам передаётся только обезличенный идентификатор перехода, без персональных данных.

## 7. Сроки хранения

7.1. Данные аккаунта хранятся, пока существует аккаунт. После удаления аккаунта данные идентификации хранятся в течение срока, установленного законодательством, затем уничтожаются; запись журнала идентификации с маскированным ИИН сохраняется как отчётность.

## 8. Права пользователя

8.1. Пользователь вправе знать, какие его данные обрабатываются, требовать их исправления, отозвать согласие и удалить аккаунт. Запросы принимаются через раздел «Помощь» и личный кабинет.

## 9. Cookies

9.1. Сайт использует только необходимые cookies: сеанс входа, защита от подделки запросов, выбранный язык и атрибуция переходов к партнёрам. Рекламные и аналитические cookies третьих лиц не используются.

## 10. Изменения

10.1. Новая версия Политики публикуется на сайте с датой вступления в силу. О существенных изменениях пользователи уведомляются заранее.
`,
  kk: `## 1. Жалпы ережелер

1.1. Осы Саясат «Дербес деректер және оларды қорғау туралы» Қазақстан Республикасының Заңына сәйкес Sauda сервисінің операторы (бұдан әрі — Оператор) қандай дербес деректерді не үшін, қанша уақыт өңдейтінін және олардың қалай қорғалатынын сипаттайды.

## 2. Біз қандай деректерді өңдейміз

2.1. Аккаунт деректері: аты, телефон нөмірі, электрондық пошта мекенжайы, тіл, құпиясөз хеші, хабарландыру баптаулары.

2.2. Сәйкестендіру деректері: ЖСН, жеке басын куәландыратын құжат мәліметтері, құжат фотосы мен селфи, провайдер мен Жеке тұлғалардың мемлекеттік дерекқоры тексерулерінің нәтижелері.

2.3. Бағдарламаға қатысу деректері: серіктестерге өтулер, серіктестер хабарлаған тапсырыстар, сыйақы есептеулері мен шығарулары, шығаруға арналған криптоәмиян мекенжайлары.

2.4. Техникалық деректер: IP-мекенжай, браузер мен құрылғы туралы мәліметтер, кіру сеанстары, қауіпсіздік журналдары.

## 3. Өңдеу мақсаттары

3.1. Тіркеу және кіру, аккаунтты қорғау; ҚР Ұлттық Банкінің ерекше режимі мен кірістерді заңдастыруға қарсы іс-қимыл туралы заңнама талаптары бойынша сәйкестендіру; сыйақыны есепке алу және төлеу; хабарландырулар; пайдаланушыларды қолдау; реттеушіге есептілік; заң талаптарын орындау.

## 4. Өңдеу негіздері

4.1. Пайдаланушының келісімі (тіркелу кезінде және бөлек — сәйкестендіру алдында беріледі), шартты (Пайдаланушы келісімі мен Бағдарлама ережелерін) орындау және заңнама талаптары.

## 5. Сақтау және қорғау

5.1. Қазақстан Республикасы азаматтарының деректері Қазақстан аумағындағы серверлерде сақталады.

5.2. ЖСН, құжат деректері мен суреттер шифрланған түрде (AES-256-GCM) сақталады; оларға тек уәкілетті қызметкерлер қол жеткізе алады және әрбір осындай қол жеткізу журналға жазылады.

5.3. Құпиясөздер тек Argon2id хештері түрінде сақталады. Кіру екінші фактормен қорғалуы мүмкін.

## 6. Үшінші тұлғаларға беру

6.1. Деректер тек мақсатқа қажетті көлемде беріледі: сәйкестендіру провайдеріне — тұлғаны тексеру үшін; SMS және электрондық пошта операторларына — хабарламаларды жеткізу үшін; мемлекеттік органдарға — заң талабы бойынша. Серіктестерге дербес деректерсіз, тек иесіздендірілген өту идентификаторы беріледі.

## 7. Сақтау мерзімдері

7.1. Аккаунт деректері аккаунт бар кезде сақталады. Аккаунт жойылғаннан кейін сәйкестендіру деректері заңнамада белгіленген мерзім ішінде сақталады, содан кейін жойылады; бүркемеленген ЖСН бар сәйкестендіру журналының жазбасы есептілік ретінде сақталады.

## 8. Пайдаланушының құқықтары

8.1. Пайдаланушы өзінің қандай деректері өңделетінін білуге, оларды түзетуді талап етуге, келісімін кері қайтарып алуға және аккаунтты жоюға құқылы. Сұраныстар «Көмек» бөлімі және жеке кабинет арқылы қабылданады.

## 9. Cookie файлдары

9.1. Сайт тек қажетті cookie файлдарын пайдаланады: кіру сеансы, сұраныстарды жасандылаудан қорғау, таңдалған тіл және серіктестерге өтулерді атрибуциялау. Үшінші тараптардың жарнамалық және аналитикалық cookie файлдары пайдаланылмайды.

## 10. Өзгерістер

10.1. Саясаттың жаңа нұсқасы күшіне ену күнімен сайтта жарияланады. Елеулі өзгерістер туралы пайдаланушылар алдын ала хабардар етіледі.
`,
  en: `## 1. General provisions

1.1. This Policy explains which personal data the operator of the Sauda service (the Operator) processes, why, for how long and how it is protected, under the Law of the Republic of Kazakhstan on Personal Data and Its Protection.

## 2. Data we process

2.1. Account data: name, phone number, email address, language, password hash, notification settings.

2.2. Identification data: IIN, details of the identity document, photos of the document and a selfie, results of the provider’s checks and of the State Database of Individuals.

2.3. Programme data: clicks to partners, orders reported by partners, reward credits and withdrawals, crypto wallet addresses for withdrawals.

2.4. Technical data: IP address, browser and device details, sign-in sessions, security logs.

## 3. Purposes

3.1. Registration and sign-in, account protection; identification as required by the special regime of the National Bank of Kazakhstan and anti-money-laundering law; accounting for and paying rewards; notifications; user support; reporting to the regulator; compliance with the law.

## 4. Legal bases

4.1. The user’s consent (given at registration and separately before identification), performance of the contract (the User Agreement and the programme Rules) and legal obligations.

## 5. Storage and protection

5.1. Data of citizens of Kazakhstan is stored on servers located in Kazakhstan.

5.2. IINs, document data and images are stored encrypted (AES-256-GCM); only authorised staff can access them, and every such access is logged.

5.3. Passwords are stored only as Argon2id hashes. Sign-in can be protected with a second factor.

## 6. Sharing

6.1. Data is shared only as far as the purpose needs: with the identification provider to verify identity; with SMS and email operators to deliver messages; with state bodies when the law requires. Partners receive only an anonymous click identifier, never personal data.

## 7. Retention

7.1. Account data is kept while the account exists. After the account is deleted, identification data is kept for the period the law sets and then destroyed; the identification journal entry with the masked IIN is kept as a regulatory record.

## 8. Your rights

8.1. You may learn which of your data is processed, ask for corrections, withdraw consent and delete your account. Requests are accepted through the Help section and your account.

## 9. Cookies

9.1. The site uses strictly necessary cookies only: the sign-in session, protection against forged requests, the chosen language, and attribution of clicks to partners. No third-party advertising or analytics cookies are used.

## 10. Changes

10.1. A new version of this Policy is published on the site with its effective date. Users are told about material changes in advance.
`,
};
