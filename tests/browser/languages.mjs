// The languages of the site as the tests expect to meet them: where each page is and what it
// says. Adding a language to the site adds a row here.

export const LANGS = [
  {
    code: 'fi',
    path: '/',
    name: 'suomi',
    title: 'Asiakasrekisteri - tietosuojaseloste',
    languages: 'Kieli',
    contents: 'Sisällys',
    makeRequest: 'Tee pyyntö',
    requestHeading: 'Tietosuojapyyntö',
    requestIntro: /rekisteriasioiden yhteyshenkilölle \(Mirette Leppä\) sähköpostitse osoitteeseen mirette\.leppa@safrent\.fi tai postitse osoitteeseen Safrent Oy, Viilarinkatu 5, Turku/,
    translation: null,
    banner: { title: 'Evästeet ja yksityisyys', accept: 'Hyväksy kaikki', reject: 'Hylkää kaikki', settings: 'Evästeasetukset' },
  },
  {
    code: 'sv',
    path: '/sv/',
    name: 'svenska',
    title: 'Kundregister - dataskyddsbeskrivning',
    languages: 'Språk',
    contents: 'Innehåll',
    makeRequest: 'Gör en begäran',
    requestHeading: 'Begäran enligt dataskyddsförordningen',
    requestIntro: /till kontaktpersonen i ärenden som gäller registret \(Mirette Leppä\), per e-post till mirette\.leppa@safrent\.fi eller per post till Safrent Oy, Viilarinkatu 5, Turku/,
    translation: 'Detta är en översättning. Den finskspråkiga dataskyddsbeskrivningen har företräde.',
    banner: { title: 'Kakor och integritet', accept: 'Godkänn alla', reject: 'Avvisa alla', settings: 'Inställningar för kakor' },
  },
  {
    code: 'en',
    path: '/en/',
    name: 'English',
    title: 'Customer register - privacy notice',
    languages: 'Language',
    contents: 'Contents',
    makeRequest: 'Make a request',
    requestHeading: 'Data protection request',
    requestIntro: /to the contact person for matters concerning the register \(Mirette Leppä\), by e-mail to mirette\.leppa@safrent\.fi or by post to Safrent Oy, Viilarinkatu 5, Turku/,
    translation: 'This is a translation. The Finnish privacy notice prevails.',
    banner: { title: 'Cookies and privacy', accept: 'Accept all', reject: 'Reject all', settings: 'Cookie settings' },
  },
];
