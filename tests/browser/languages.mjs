// The languages of the site as the tests expect to meet them: where each page is and what it
// says. Adding a language to the site adds a row here. The controller's details come from the site
// folder (site.mjs).

import { CONTROLLER as C, literal } from './site.mjs';

const contact = literal(C.contact), email = literal(C.email);
const post = literal(`${C.name}, ${C.address}`);

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
    requestIntro: new RegExp(`rekisteriasioiden yhteyshenkilölle \\(${contact}\\) sähköpostitse osoitteeseen ${email} tai postitse osoitteeseen ${post}`),
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
    requestIntro: new RegExp(`till kontaktpersonen i ärenden som gäller registret \\(${contact}\\), per e-post till ${email} eller per post till ${post}`),
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
    requestIntro: new RegExp(`to the contact person for matters concerning the register \\(${contact}\\), by e-mail to ${email} or by post to ${post}`),
    translation: 'This is a translation. The Finnish privacy notice prevails.',
    banner: { title: 'Cookies and privacy', accept: 'Accept all', reject: 'Reject all', settings: 'Cookie settings' },
  },
];
