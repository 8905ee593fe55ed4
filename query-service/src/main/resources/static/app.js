'use strict';
// The live dashboard: sign in, read the dashboard, follow its stream, record learning. No build step, no CDN.
// Every text a person reads is in /i18n/en.json and /i18n/cy.json, named by its key: the page is in English or Welsh.

/** The page's language ('en' or 'cy'): the address's ?lang=, else the one last chosen here, else the browser's. */
let lang;
/** The page's texts in that language, from /i18n/{lang}.json. */
let texts = {};

/** The text of a key in the page's language, with {name} placeholders filled from params. */
function t(key, params = {}) {
  if (!Object.prototype.hasOwnProperty.call(texts, key)) {
    console.error('No text for the key ' + key + ' in ' + lang);
    return key;
  }
  return texts[key].replace(/\{(\w+)\}/g, (placeholder, name) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : placeholder);
}

/** The locale dates and times are shown in, for the page's language; British dates where a browser has no Welsh. */
const locale = () => lang === 'cy' && Intl.DateTimeFormat.supportedLocalesOf(['cy-GB']).length ? 'cy-GB' : 'en-GB';

/**
 * A day the services name as 2027-03-31, as the page's language writes it (31 March 2027, 31 Mawrth 2027); anything
 * else (a day no calendar has, an instant) as it was given.
 */
function dayText(day) {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(day || '') ? new Date(day + 'T00:00:00Z') : null;
  if (!date || isNaN(date) || date.toISOString().slice(0, 10) !== day) {
    return day;
  }
  return date.toLocaleDateString(locale(), {day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC'});
}

/**
 * The language the address names (?lang=en or ?lang=cy), kept on this device for the next time; else the one last
 * chosen here (a new tab, a bookmark of the page, the installed app); else the first of the browser's preferences
 * that is English or Welsh, else English. Back from the sign-in provider, the address is the one the person left from.
 */
function chooseLanguage() {
  const pending = JSON.parse(sessionStorage.getItem('signing-in') || 'null');
  const query = pending && new URLSearchParams(location.search).has('code')
    ? String(pending.address || '').split('#')[0] : location.search;
  const named = new URLSearchParams(query).get('lang');
  if (named === 'en' || named === 'cy') {
    localStorage.setItem('lang', named);
    return named;
  }
  const chosen = localStorage.getItem('lang');
  if (chosen === 'en' || chosen === 'cy') {
    return chosen;
  }
  const preferred = (navigator.languages || [navigator.language]).find(language => /^(cy|en)/i.test(language || ''));
  return preferred && /^cy/i.test(preferred) ? 'cy' : 'en';
}

/** The page's texts in a language; none (each key then shows as itself) when they cannot be read. */
async function readTexts(language) {
  try {
    const answer = await fetch(`/i18n/${language}.json`);
    if (answer.ok) {
      return await answer.json();
    }
    console.error('The texts in ' + language + ' answered ' + answer.status);
  } catch (e) {
    console.error('The texts in ' + language + ' could not be read', e);
  }
  return {};
}

/** Puts the texts of the page's language into root: each data-i18n key as the element's text, and so its attributes. */
function translate(root) {
  root.querySelectorAll('[data-i18n]').forEach(element => {
    element.textContent = t(element.getAttribute('data-i18n'));
  });
  root.querySelectorAll('[data-i18n-aria-label]').forEach(element => {
    element.setAttribute('aria-label', t(element.getAttribute('data-i18n-aria-label')));
  });
}

/** The link to the page in the other language: the same address (query and fragment), with the other ?lang=. */
function showLanguageSwitch() {
  const other = lang === 'cy' ? 'en' : 'cy';
  const params = new URLSearchParams(location.search);
  params.set('lang', other);
  const link = $('language-switch');
  link.href = location.pathname + '?' + params + location.hash;
  link.lang = other;
  link.hreflang = other;
}

/** The address of the page with this query (the dashboard's filters), keeping the language the address names. */
function addressWith(params) {
  const named = new URLSearchParams(location.search).get('lang');
  if (named !== null) {
    params.set('lang', named);
  }
  const query = params.toString();
  return query ? '?' + query : location.pathname;
}

/** The people to sign in as with the development issuer, each named with their role (roleText: its key). */
const DEMO_PEOPLE = [
  {sub: 'priya', name: 'Priya', roleText: 'signin.role.practitioner', roles: ['PRACTITIONER'], organisation: 'council',
    team: 'housing-options'},
  {sub: 'lena', name: 'Lena', roleText: 'signin.role.leader', roles: ['LEADER'], organisation: 'council',
    team: 'leadership'},
  {sub: 'femi', name: 'Femi', roleText: 'signin.role.facilitator', roles: ['FACILITATOR'], organisation: 'council',
    team: 'learning'},
  {sub: 'ana', name: 'Ana', roleText: 'signin.role.analyst', roles: ['ANALYST'], organisation: 'health-board',
    team: 'insight'},
  {sub: 'val', name: 'Val', roleText: 'signin.role.volunteer', roles: ['PRACTITIONER'], organisation: 'food-bank',
    team: 'volunteers'},
  {sub: 'adam', name: 'Adam', roleText: 'signin.role.administrator', roles: ['ADMIN'], organisation: 'council',
    team: 'digital'}
];
const PLACE = 'fife';
/** Each kind of learning, in the plural (as counted) and in the singular (as one entry is labelled): keys of texts. */
const KINDS = {BREAKTHROUGH: 'kinds.breakthrough', DISAPPOINTMENT: 'kinds.disappointment', REFLECTION: 'kinds.reflection'};
const KIND = {BREAKTHROUGH: 'kind.breakthrough', DISAPPOINTMENT: 'kind.disappointment', REFLECTION: 'kind.reflection'};
const PERSPECTIVES = {PRACTITIONER: 'perspectives.practitioner', LIVED_EXPERIENCE: 'perspectives.livedexperience',
  COMMISSIONER: 'perspectives.commissioner', LEADER: 'perspectives.leader', VOLUNTEER: 'perspectives.volunteer',
  PARTNER: 'perspectives.partner'};
const OUTCOMES = {AMPLIFY: 'outcome.amplify', ADAPT: 'outcome.adapt', STOP: 'outcome.stop'};
/** An experiment's status as the capture form's list of experiments says it. */
const EXPERIMENT_STATUSES = {PROPOSED: 'capture.experiment.status.proposed',
  RUNNING: 'capture.experiment.status.running', CONCLUDED: 'capture.experiment.status.concluded'};
/** The dashboard's filters as the line saying what it shows names them. */
const FILTER_NAMES = {place: 'dashboard.showing.place', organisation: 'dashboard.showing.organisation',
  team: 'dashboard.showing.team', theme: 'dashboard.showing.theme', from: 'dashboard.showing.from',
  to: 'dashboard.showing.to'};
const COLOURS = {BREAKTHROUGH: '#00568f', DISAPPOINTMENT: '#8a3b00', REFLECTION: '#3d5a1e'};

let config;
let stream;
/** The query (the dashboard's filters) the dashboard stream follows. */
let followed;
let reconnecting;
/** When the stream followed is given up as lost: put off each time it is heard from. */
let silence;
const charts = {};
const $ = id => document.getElementById(id);

document.addEventListener('DOMContentLoaded', async () => {
  lang = chooseLanguage();
  texts = await readTexts(lang);
  // The other language's texts are read too, so that the copy kept for use offline is this release's.
  fetch(`/i18n/${lang === 'cy' ? 'en' : 'cy'}.json`).catch(() => {});
  document.documentElement.lang = lang;
  translate(document);
  showLanguageSwitch();
  config = await (await fetch('/ui-config')).json();
  $('sign-in').addEventListener('submit', signIn);
  $('sign-out').addEventListener('click', signOutAsked);
  // Signed out in another tab of this browser: out here too, so that nobody finds the person still in at the next.
  window.addEventListener('storage', event => {
    const current = session();
    if (event.key === 'signed-out' && event.newValue && current
        && JSON.parse(event.newValue).sub === current.person.sub) {
      signOut();
    }
  });
  $('capture-form').addEventListener('submit', record);
  // A story of one's own names one: none goes with what is shared without one's name (another's story may).
  $('anonymous').addEventListener('change', storyWithoutName);
  $('capture-form').addEventListener('reset', () => setTimeout(storyWithoutName));
  $('capture-form').addEventListener('reset', () => setTimeout(giveBackChoices));
  ['perspective', 'visibility', 'post-visibility'].forEach(id => $(id).addEventListener('change',
    () => showError(id, null)));
  $('filters').addEventListener('submit', applyFilters);
  $('clear-filters').addEventListener('click', clearFilters);
  $('view').addEventListener('change', fixedByView);
  window.addEventListener('hashchange', route);
  // Back to a page left open (a laptop, a phone's other tab): what was recorded or proposed elsewhere meanwhile.
  // And what waited on this device is sent: a phone may not tell a page in the background it is online again.
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible' && session()) {
      readMyLearning();
      myExperiments();
      sendWaiting();
    }
  });
  window.addEventListener('hashchange', showLanguageSwitch);
  // A view's address changes only the fragment: the dashboard follows only when its filters (the query) change.
  window.addEventListener('popstate', () => {
    showLanguageSwitch();
    if (location.search === followed) {
      return;
    }
    fillFilters();
    if (session()) {
      follow();
    }
  });
  $('oidc-sign-in').addEventListener('click', signInWithProvider);
  window.addEventListener('online', sendWaiting);
  // The language switch, a reload, pulling down to refresh: what was being written comes back in the next page.
  window.addEventListener('pagehide', keepDraft);
  if ('serviceWorker' in navigator) {
    navigator.serviceWorker.register('/sw.js').catch(() => {});
  }
  if (config.devIssuerUrl) {
    for (const person of DEMO_PEOPLE) {
      $('person').append(new Option(nameOf(person), person.sub));
    }
  }
  const justSignedIn = await completeProviderSignIn();
  showLanguageSwitch();
  fillFilters();
  signedOut();
  if (sessionStorage.getItem('notice')) {
    $('connection').textContent = t(sessionStorage.getItem('notice'));
    sessionStorage.removeItem('notice');
  }
  if (justSignedIn || session()) {
    start();
  }
});

function session() {
  const saved = sessionStorage.getItem('session');
  return saved ? JSON.parse(saved) : null;
}

async function signIn(event) {
  event.preventDefault();
  const person = DEMO_PEOPLE.find(p => p.sub === $('person').value);
  const answer = await fetch(config.devIssuerUrl + '/dev/token', {
    method: 'POST', headers: {'Content-Type': 'application/json'},
    body: JSON.stringify({sub: person.sub, name: person.name, roles: person.roles,
      organisation: person.organisation, team: person.team, place: PLACE})
  }).catch(() => null);
  if (!answer) {
    say('connection', t('account.signin.offline')); // opened from the home screen without a connection
    return;
  }
  if (!answer.ok) {
    $('connection').textContent = t('account.signin.failed');
    return;
  }
  const tokens = await answer.json();
  keepSession({token: tokens.access_token, person, demo: true}, tokens.expires_in);
  start();
}

/** Keeps the signed-in person's session in this tab, with when its token expires, and renews it before then. */
function keepSession(kept, expiresIn) {
  sessionStorage.setItem('session', JSON.stringify({...kept,
    expiresAt: expiresIn > 0 ? Date.now() + 1000 * expiresIn : null}));
  scheduleRenewal();
}

/**
 * When the token is renewed: a minute before it expires, or a fifth of what is left for a short-lived one (a wall
 * screen stays signed in all day); a renewal that failed is tried again in half a minute while the token lasts.
 */
let renewal;

function scheduleRenewal() {
  clearTimeout(renewal);
  const current = session();
  if (current && current.expiresAt) {
    // A minute before, or a fifth of what is left for a short-lived token: never a renewal every few seconds.
    const left = current.expiresAt - Date.now();
    renewal = setTimeout(renewToken, Math.max(5000, left - Math.min(60000, left / 5)));
  }
}

/**
 * A sign-in that could not be renewed ends when its token does, whatever the page shows (a past instant read once
 * would otherwise stay on the screen, signed in, for whoever comes next). Without a connection the page keeps taking
 * entries to wait on the device, for the person to send once they sign in again, and ends it once the connection is
 * back (unless a renewal then succeeds).
 */
function expired() {
  if (navigator.onLine) {
    signOut('connection.expired');
  } else {
    window.addEventListener('online', renewToken, {once: true}); // failing again, it ends the sign-in as above
  }
}

let renewing = null;
/** How long a renewal is waited for: a provider that does not answer is not waited on for ever. */
const RENEWAL_WAIT = 30000;

/**
 * A new token for the signed-in person: from the provider, with the refresh token it gave at sign-in (each used once,
 * as providers rotate them), or for a demo person from the development issuer. Resolves to whether one came; one
 * renewal at a time, whoever asks.
 */
function renewToken() {
  renewing = renewing || renew().then(renewed => {
    const current = session();
    if (!renewed && current && current.expiresAt) {
      clearTimeout(renewal);
      const left = current.expiresAt - Date.now();
      renewal = setTimeout(left > 30000 ? renewToken : expired, left > 30000 ? 30000 : Math.max(0, left));
    }
    return renewed;
  }).finally(() => {
    renewing = null;
  });
  return renewing;
}

async function renew() {
  const current = session();
  try {
    let answer;
    if (current && current.refreshToken) {
      answer = await fetch(current.tokenEndpoint, {
        method: 'POST', headers: {'Content-Type': 'application/x-www-form-urlencoded'},
        body: new URLSearchParams({grant_type: 'refresh_token', refresh_token: current.refreshToken,
          client_id: config.oidcClientId}),
        signal: AbortSignal.timeout(RENEWAL_WAIT)
      });
    } else if (current && current.demo && config.devIssuerUrl) {
      const person = current.person;
      answer = await fetch(config.devIssuerUrl + '/dev/token', {
        method: 'POST', headers: {'Content-Type': 'application/json'},
        body: JSON.stringify({sub: person.sub, name: person.name, roles: person.roles,
          organisation: person.organisation, team: person.team, place: PLACE}),
        signal: AbortSignal.timeout(RENEWAL_WAIT)
      });
    } else {
      return false;
    }
    const tokens = answer.ok ? await answer.json() : null;
    const now = session();
    if (!tokens || !now || now.person.sub !== current.person.sub) {
      return false; // refused, or signed out (or in as someone else) meanwhile: nothing is kept again
    }
    keepSession({...now, token: tokens.access_token, refreshToken: tokens.refresh_token || now.refreshToken},
      tokens.expires_in);
    return true;
  } catch (e) {
    return false;
  }
}

/**
 * A call to the services as the signed-in person: one refused for a token that expired is made once more with a
 * renewed one, and answered as the services answer it otherwise.
 */
async function fetchAsPerson(address, {headers = {}, ...options} = {}) {
  const answer = await fetch(address, {...options, headers: apiHeaders(headers)});
  if (answer.status !== 401 || !(await renewToken())) {
    return answer;
  }
  return fetch(address, {...options, headers: apiHeaders(headers)});
}

/**
 * Signs in through the OpenID Connect provider: the authorization code flow with PKCE, as for a public client. The
 * verifier and state wait in this tab's session storage until the provider sends the person back with a code.
 */
async function signInWithProvider() {
  const answer = await fetch(config.oidcIssuerUrl + '/.well-known/openid-configuration').catch(() => null);
  const provider = answer && answer.ok ? await answer.json().catch(() => null) : null;
  if (!provider) {
    say('connection', t(answer ? 'account.signin.failed' : 'account.signin.offline'));
    return;
  }
  const verifier = randomText();
  const state = randomText();
  const nonce = randomText();
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  sessionStorage.setItem('signing-in', JSON.stringify({verifier, state, nonce, tokenEndpoint: provider.token_endpoint,
    endSession: provider.end_session_endpoint || null, address: location.search + location.hash}));
  location.assign(provider.authorization_endpoint + '?' + new URLSearchParams({
    response_type: 'code', client_id: config.oidcClientId, redirect_uri: location.origin + '/',
    scope: 'openid profile', state, nonce, code_challenge: base64url(new Uint8Array(digest)),
    code_challenge_method: 'S256'
  }));
}

/** Back from the provider with a code: exchanges it for a token, and restores the address the person left from. */
async function completeProviderSignIn() {
  const params = new URLSearchParams(location.search);
  const pending = JSON.parse(sessionStorage.getItem('signing-in') || 'null');
  if (!pending || !params.has('code')) {
    return false;
  }
  sessionStorage.removeItem('signing-in');
  history.replaceState(null, '', location.pathname + pending.address);
  try {
    if (params.get('state') !== pending.state) {
      throw new Error('state');
    }
    const answer = await fetch(pending.tokenEndpoint, {
      method: 'POST', headers: {'Content-Type': 'application/x-www-form-urlencoded'},
      body: new URLSearchParams({grant_type: 'authorization_code', code: params.get('code'),
        redirect_uri: location.origin + '/', client_id: config.oidcClientId, code_verifier: pending.verifier})
    });
    if (!answer.ok) {
      throw new Error('token');
    }
    const tokens = await answer.json();
    // Who signed in is in the ID token (checked against our nonce); the access token is only sent on.
    const claims = payloadOf(tokens.id_token);
    if (claims.nonce !== pending.nonce) {
      throw new Error('nonce');
    }
    const person = {sub: claims.sub, name: claims.name || claims.sub, roles: claims.roles || [],
      organisation: claims.organisation, team: claims.team};
    // A refresh token, where the provider gives one, renews the access token before it expires.
    keepSession({token: tokens.access_token, person, refreshToken: tokens.refresh_token || null,
      tokenEndpoint: pending.tokenEndpoint, endSession: pending.endSession, idToken: tokens.id_token},
    tokens.expires_in);
    return true;
  } catch (e) {
    $('connection').textContent = t('account.signin.failed');
    return false;
  }
}

function payloadOf(jwt) {
  const payload = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(payload), c => c.charCodeAt(0))));
}

function randomText() {
  return base64url(crypto.getRandomValues(new Uint8Array(32)));
}

function base64url(bytes) {
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function signedOut() {
  $('signed-in').hidden = true;
  $('sign-in').hidden = !config.devIssuerUrl;
  $('oidc-sign-in').hidden = !config.oidcIssuerUrl;
}

/**
 * The person's own sign-out: with entries still waiting on this device, they are asked first (the entries stay here
 * until they sign in here again); every other tab they are signed in in is signed out with this one.
 */
function signOutAsked() {
  const waiting = waitingEntries().length;
  if (waiting && !confirm(t(waiting === 1 ? 'account.signout.waiting.one' : 'account.signout.waiting.other',
    {count: waiting}))) {
    return;
  }
  const current = session();
  localStorage.setItem('signed-out', JSON.stringify({sub: current.person.sub, at: Date.now()}));
  // At a provider that can end its own sign-in too, it is ended there, or whoever signs in next at this computer
  // would be let in as this person without being asked; the provider sends the browser back to the page. (Without a
  // connection, the page's own sign-in ends alone.)
  signOut(undefined, current.endSession && navigator.onLine ? current.endSession + '?' + new URLSearchParams({
    client_id: config.oidcClientId, post_logout_redirect_uri: location.origin + '/',
    ...(current.idToken ? {id_token_hint: current.idToken} : {})
  }) : undefined);
}

/**
 * Signs out and loads the page afresh (or {@code address}), so that nothing the person read stays in it for whoever
 * comes next; the notice (the key of its text) is shown in the new page.
 */
function signOut(notice, address = location.pathname + location.search) {
  if (session()) {
    // What this device kept of what they recorded: those under their name the services list wherever they sign in;
    // those shared without it are kept to be taken back from here, but not their words, nor for whoever comes next.
    // However the sign-in ends (found in review: one that expired left every entry's words, private ones too).
    localStorage.setItem(recordedKey(), JSON.stringify(recordedEntries().filter(entry => entry.anonymous)
      .map(({id, anonymous, visibility, at}) => ({id, anonymous, visibility, at}))));
  }
  if (notice === 'connection.expired') {
    keepDraft();
  } else {
    sessionStorage.removeItem('draft');
  }
  sessionStorage.removeItem('session');
  sessionStorage.removeItem('choices');
  clearTimeout(renewal);
  if (notice) {
    sessionStorage.setItem('notice', notice);
  }
  location.replace(address);
}

function start() {
  const {person} = session();
  scheduleRenewal();
  $('who').textContent = t('account.signedin', {name: nameOf(person)});
  $('signed-in').hidden = false;
  $('sign-in').hidden = true;
  $('oidc-sign-in').hidden = true;
  $('capture').hidden = false;
  $('dashboard').hidden = false;
  $('sections').hidden = false;
  if (!(person.team || '').trim()) {
    // Their sign-in names no team: nobody but they would read "my team" (refused), and they have no team to view.
    document.querySelectorAll('select[name="visibility"] option[value="TEAM"], #view option[value="team"]')
      .forEach(option => option.remove());
  }
  welcome(person);
  giveBackChoices();
  readMe();
  follow();
  // A draft's choices are given back once the lists it chooses from are read.
  Promise.all([myExperiments(), myStories(), myCohorts()]).finally(() => restoreDraft(person));
  showWaiting();
  dropMyLearning();
  readMyLearning();
  sendWaiting();
  route();
}

/**
 * Whether the person withdrew their consent, read on each start: found walking through as a person new to such pages,
 * the page offered the withdrawal again on return, and the capture form, whose every entry would be refused.
 */
async function readMe() {
  const answer = await readApi('/api/people/me').catch(() => null);
  if (answer && answer.ok && (await answer.json()).consentWithdrawn) {
    // Withdrawn on another device: their words kept on this one go too, as they would had they withdrawn here.
    forgetOnThisDevice();
    showRecorded();
    showWithdrawn();
    $('withdraw-form').hidden = true;
    $('me-withdrawn').hidden = false;
  }
}

/** Once consent is withdrawn, nothing of the person's words stays on this device: neither waiting nor recorded. */
function forgetOnThisDevice() {
  localStorage.removeItem(waitingKey());
  localStorage.removeItem(recordedKey());
  showWaiting();
}

/**
 * Nothing new is recorded for someone who withdrew: the capture form gives way to a word saying so, and no other form
 * asking for their words (marked data-words, with its panel where it has one) is offered.
 */
function showWithdrawn() {
  document.body.classList.add('withdrawn');
  $('capture-form').hidden = true;
  $('capture-withdrawn').hidden = false;
}

/** A person as the page names them: one of the demonstration people with their role, as the sign-in list does. */
function nameOf(person) {
  return person.roleText ? t('signin.person', {name: person.name, role: t(person.roleText)}) : person.name;
}

/** What the place is for, and where to start, for the person's role. */
const WELCOMES = {
  PRACTITIONER: 'welcome.practitioner',
  FACILITATOR: 'welcome.facilitator',
  LEADER: 'welcome.leader',
  ANALYST: 'welcome.analyst',
  ADMIN: 'welcome.admin'
};

function welcome(person) {
  const role = ['PRACTITIONER', 'FACILITATOR', 'LEADER', 'ANALYST', 'ADMIN'].find(r => (person.roles || []).includes(r));
  $('welcome').textContent = t('welcome.text', {start: t(WELCOMES[role] || WELCOMES.PRACTITIONER)});
  $('welcome').hidden = false;
}

/**
 * The page's views, named in the address's fragment (`#experiments`, `#experiments/{id}`), so that the dashboard's
 * filters stay in its query and a link to an experiment can be shared. Each view's script registers itself here.
 */
const VIEWS = {home: {element: 'home-view', title: 'page.title.home', show: () => {}}};

let shownView;

function route() {
  if (!session()) {
    return;
  }
  const [name, ...rest] = location.hash.replace(/^#/, '').split('/');
  if (name && !VIEWS[name] && shownView) {
    return; // A fragment within the page (the skip link's #main), not a view.
  }
  const view = VIEWS[name] ? name : 'home';
  let parts;
  try {
    parts = rest.map(decodeURIComponent);
  } catch (malformed) {
    parts = [];
  }
  showView(view);
  $('view-status').hidden = true;
  // A view whose reads failed (no connection) says so where focus goes, and is read again once the connection is
  // back, instead of staying blank with focus nowhere.
  Promise.resolve().then(() => VIEWS[view].show(...parts)).catch(failed => {
    console.error('The view ' + view + ' could not be read', failed);
    if (shownView !== view) {
      return;
    }
    $('view-status').textContent = t(navigator.onLine ? 'view.unreadable' : 'view.offline');
    $('view-status').hidden = false;
    const heading = $(VIEWS[view].element).querySelector('h2');
    if (heading) {
      heading.tabIndex = -1;
      heading.focus();
    }
    if (!navigator.onLine) {
      // Read again only if the person is still where it failed: a form they began meanwhile is not read over.
      const failedAt = location.hash;
      window.addEventListener('online', () => {
        if (location.hash === failedAt && shownView === view && !$('view-status').hidden) {
          route();
        }
      }, {once: true});
    }
  });
}

function showView(shown) {
  shownView = shown;
  document.title = t('page.title', {view: t(shown ? VIEWS[shown].title : 'page.title.signin')});
  for (const [name, view] of Object.entries(VIEWS)) {
    $(view.element).hidden = name !== shown;
  }
  document.querySelectorAll('#sections a').forEach(link => {
    if (link.dataset.view === shown) {
      link.setAttribute('aria-current', 'page');
    } else {
      link.removeAttribute('aria-current');
    }
  });
}

const FILTERS = ['place', 'organisation', 'team', 'theme', 'from', 'to', 'asOf'];

/** The view and filters of the page's address: a link shares exactly that view. */
function filtersOfAddress() {
  const params = new URLSearchParams(location.search);
  const view = ['organisation', 'team'].includes(params.get('view')) ? params.get('view') : 'system';
  const filters = {};
  FILTERS.forEach(name => {
    if (params.get(name)) {
      filters[name] = params.get(name);
    }
  });
  return {view, filters};
}

function fillFilters() {
  const {view, filters} = filtersOfAddress();
  $('view').value = view;
  FILTERS.forEach(name => {
    $('filter-' + name).value = (name === 'asOf' ? localInputOf(filters.asOf) : filters[name]) || '';
    showError('filter-' + name, null);
  });
  fixedByView();
}

/** An instant as the date-and-time control shows it, in the person's own time zone. */
function localInputOf(instant) {
  const date = new Date(instant);
  if (!instant || isNaN(date)) {
    return instant || '';
  }
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60000);
  return local.toISOString().slice(0, 19);
}

/** The date-and-time control's value as an instant; what it cannot read is sent as it is, to be named. */
function instantOf(localValue) {
  const date = new Date(localValue);
  return isNaN(date) ? localValue : date.toISOString();
}

/** An organisation's or a team's dashboard is that of the signed-in person's own: those filters are fixed. */
function fixedByView() {
  const view = $('view').value;
  $('filter-organisation').disabled = view !== 'system';
  $('filter-team').disabled = view === 'team';
}

function applyFilters(event) {
  event.preventDefault();
  const params = new URLSearchParams();
  if ($('view').value !== 'system') {
    params.set('view', $('view').value);
  }
  FILTERS.forEach(name => {
    const input = $('filter-' + name);
    if (!input.disabled && input.value.trim()) {
      params.set(name, name === 'asOf' ? instantOf(input.value.trim()) : input.value.trim());
    }
  });
  history.pushState(null, '', addressWith(params));
  showLanguageSwitch();
  fillFilters();
  follow();
}

function clearFilters() {
  history.pushState(null, '', addressWith(new URLSearchParams()));
  showLanguageSwitch();
  fillFilters();
  follow();
}

/**
 * The dashboard's filters as every other read of the page asks them: an organisation's or a team's view being the
 * signed-in person's own.
 */
function filtersOfView(person, params) {
  const {view} = filtersOfAddress();
  const filters = new URLSearchParams(params);
  if (view !== 'system') {
    filters.set('organisation', person.organisation);
  }
  if (view === 'team') {
    filters.set('team', person.team);
  }
  return filters;
}

/** The chosen dashboard's address and its filters, and the page's title for it. */
function dashboardAddress(person) {
  const {view, filters} = filtersOfAddress();
  const params = new URLSearchParams(filters);
  let path = '/api/dashboards/system';
  let title = t('dashboard.heading.system');
  if (view !== 'system') {
    params.delete('organisation');
    path = '/api/dashboards/organisations/' + encodeURIComponent(person.organisation);
    title = t('dashboard.heading.organisation', {organisation: person.organisation});
  }
  if (view === 'team') {
    params.delete('team');
    path += '/teams/' + encodeURIComponent(person.team);
    title = t('dashboard.heading.team', {team: person.team});
  }
  const shown = [...params.entries()].filter(([name]) => name !== 'asOf')
    .map(([name, value]) => (FILTER_NAMES[name] ? t(FILTER_NAMES[name]) : name) + ' '
      + (name === 'from' || name === 'to' ? dayText(value) : value));
  $('headline-title').textContent = title;
  const asOf = params.get('asOf');
  const filtering = shown.join(', ');
  const date = asOf ? new Date(asOf).toLocaleString(locale()) : '';
  // Read out once: every reconnect follows again, with the same filters.
  say('showing', shown.length
    ? (asOf ? t('dashboard.showing.filtered.asof', {filters: filtering, date})
      : t('dashboard.showing.filtered', {filters: filtering}))
    : (asOf ? t('dashboard.showing.all.asof', {date}) : t('dashboard.showing.all')));
  return {path, params};
}

let myExperimentsReads = 0;

/**
 * The signed-in person's experiments and those their team proposed for the team or wider, to record learning within
 * one of them; the one chosen stays chosen (another's, chosen from its page, included), and only the latest of
 * overlapping reads is shown.
 */
async function myExperiments() {
  const reading = ++myExperimentsReads;
  // Without a connection the lists offered stay as they were.
  const [mine, team] = await Promise.all(['/api/experiments/mine', '/api/experiments/team']
    .map(path => readApi(path).catch(() => ({ok: false}))));
  const experiments = mine.ok ? await mine.json() : null;
  const teams = team.ok ? await team.json() : [];
  if (!experiments || reading !== myExperimentsReads) {
    return;
  }
  const select = $('experimentId');
  const chosen = select.selectedOptions[0];
  select.replaceChildren(select.options[0], ...[['capture.experiment.mine', experiments, false],
    ['capture.experiment.team', teams, true]].filter(([, listed]) => listed.length).map(([label, listed, others]) => {
    const group = document.createElement('optgroup');
    group.label = t(label);
    if (!others) {
      group.dataset.own = 'true';
    }
    group.append(...listed.map(experiment => experimentOption(experiment, others)));
    return group;
  }));
  keepChosen(select, chosen, true); // one chosen from the experiment's own page stays chosen
  storyWithoutName();
}

/**
 * Keeps {@code chosen} (the option chosen before {@code select}'s list was read again) chosen: put back when the list
 * no longer holds it, so that it is not sent without it; unless {@code any}, only one a draft brought back (one no
 * longer listed otherwise, a story narrowed or a cohort left, is no longer to be chosen).
 */
function keepChosen(select, chosen, any) {
  if (!chosen || !chosen.value) {
    return;
  }
  const listed = [...select.options].some(option => option.value === chosen.value);
  if (!listed && (any || chosen.dataset.kept)) {
    select.append(chosen);
  }
  select.value = listed || any || chosen.dataset.kept ? chosen.value : '';
}

/** An experiment to choose on the capture form: its title, its status, and who proposed it if {@code others} did. */
function experimentOption(experiment, others) {
  const status = EXPERIMENT_STATUSES[experiment.status] ? t(EXPERIMENT_STATUSES[experiment.status])
    : experiment.status.toLowerCase();
  return new Option(others ? t('capture.experiment.others', {title: experiment.title, proposer: experiment.proposer,
    status}) : experiment.title + ' (' + status + ')', experiment.experimentId);
}

/**
 * Follows the dashboard's event stream (fetch, so that the token travels in a header), reconnecting when it ends; a
 * dashboard as it was known at an instant is read once, since it never changes.
 */
async function follow() {
  const current = session();
  if (!current) {
    return;
  }
  clearTimeout(reconnecting);
  if (stream) {
    stream.abort();
  }
  const mine = new AbortController();
  stream = mine;
  if (followed !== undefined && followed !== location.search) {
    // Other filters: what the panels show is not what the heading now names, until their dashboard comes.
    $('panels').hidden = true;
  }
  followed = location.search;
  const {path, params} = dashboardAddress(current.person);
  if (window.analysisFollows) {
    window.analysisFollows(current, params);
  }
  if (window.readingFollows) {
    window.readingFollows(current, params);
  }
  const asOf = params.get('asOf');
  const query = params.toString();
  // A stream is written to at least every keep-alive: one silent for three of them was lost without being closed
  // (a laptop that slept, a route that dropped), and is given up and opened again rather than shown as live.
  let silent = false;
  const hearing = () => {
    clearTimeout(silence);
    silence = setTimeout(() => {
      silent = true;
      mine.abort();
    }, 3 * (config.streamKeepAliveMs || 15000));
  };
  try {
    hearing();
    const answer = await fetchAsPerson(path + (asOf ? '' : '/stream') + (query ? '?' + query : ''), {
      headers: {Accept: asOf ? 'application/json' : 'text/event-stream'},
      signal: mine.signal
    });
    if (asOf) {
      clearTimeout(silence);
    }
    if (answer.status === 401) {
      signOut('connection.expired');
      return;
    }
    if ([400, 403, 429, 503].includes(answer.status)) {
      // Refused as the service words it; too many streams (some perhaps left by a change of filter, which the
      // service counts until it next writes to them) or an instance full is tried again later.
      const problem = await answer.json().catch(() => ({}));
      const filterId = field => 'filter-' + field;
      (problem.errors || []).forEach(error => showError(filterId(error.field), error.message));
      $('panels').hidden = true; // what they show is not what the heading now names
      const detail = refusalText(problem, filterId);
      say('connection', detail ? t('connection.notshown', {detail}) : t('connection.notshown.unknown'));
      const retryAfter = Number(answer.headers.get('Retry-After'));
      if (answer.status >= 429 && stream === mine) {
        reconnecting = setTimeout(follow, 1000 * (retryAfter > 0 ? Math.min(retryAfter, 60) : 2));
      }
      return;
    }
    if (!answer.ok) {
      throw new Error('The dashboard answered ' + answer.status);
    }
    if (asOf) {
      render(inPageLanguage(await answer.json()));
      $('connection').textContent = t('connection.asof', {date: new Date(asOf).toLocaleString(locale())});
      return;
    }
    say('connection', t('connection.live'));
    const reader = answer.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const {value, done} = await reader.read();
      if (done) {
        break;
      }
      hearing();
      buffer += value;
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const message = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = message.split('\n').filter(line => line.startsWith('data:'))
          .map(line => line.slice(5).trimStart()).join('\n');
        if (data && /^event:\s*dashboard/m.test(message)) {
          render(inPageLanguage(JSON.parse(data)));
        }
      }
    }
  } catch (e) {
    if (e.name === 'AbortError' && !silent) {
      return;
    }
  }
  if (stream !== mine) {
    return;
  }
  clearTimeout(silence);
  if (asOf) {
    // A past instant read once: what the panels show is not it, so they are hidden until it is read.
    $('panels').hidden = true;
    $('connection').textContent = t('connection.asof.failed');
  } else {
    say('connection', t('connection.reconnecting'));
  }
  reconnecting = setTimeout(follow, 2000);
}

/**
 * Puts {@code words} into the live region {@code id} unless they are there already: set again, a screen reader says
 * them again (a stream retried every two seconds without a connection said "Reconnecting" every two seconds).
 */
function say(id, words) {
  if ($(id).textContent !== words) {
    $(id).textContent = words;
  }
}

/** What a count that small-number control holds back reads (a team's counts seen from outside it). */
let fewerThan = null;

function shown(count) {
  return count === null ? fewerThan : count;
}

/** What {@code control} (an answer's smallNumbers) makes a held-back figure read; sets it for every table. */
function underControl(control) {
  fewerThan = heldBack(control);
}

/** What a figure {@code control} holds back reads, or null when there is no control. */
function heldBack(control) {
  return control ? t('dashboard.fewerthan', {count: control.fewerThan}) : null;
}

/**
 * An action learning figure as shown: under its own control (a set's audience is its members, so even a team's own
 * dashboard shows its sets' figures as to anyone outside them).
 */
function actionLearningShown(actionLearning, value) {
  return value === null ? heldBack(actionLearning.smallNumbers) ?? fewerThan : value;
}

/** The sum of figures as shown, saying so when some are held back (it is then no bound on the count). */
function sumShown(figures) {
  const sum = figures.reduce((total, figure) => total + (figure ?? 0), 0);
  return figures.some(figure => figure === null) ? t('dashboard.sumshown', {count: sum}) : sum;
}

function render(dashboard) {
  $('panels').hidden = false;
  const control = dashboard.smallNumbers;
  underControl(control);
  $('small-numbers').hidden = !control;
  $('small-numbers').textContent = control
    ? t('dashboard.smallnumbers', {count: control.fewerThan, roundedTo: control.roundedTo}) : '';
  const totals = dashboard.totals;
  headline($('headline'), [
    [t('measure.experiments.proposed'), totals.experimentsProposed],
    [t('measure.experiments.running'), totals.experimentsActive],
    [t('measure.experiments.concluded'), totals.experimentsConcluded], [t(KINDS.BREAKTHROUGH), totals.breakthroughs],
    [t(KINDS.DISAPPOINTMENT), totals.disappointments], [t(KINDS.REFLECTION), totals.reflections]]);
  const al = dashboard.actionLearning;
  const ofSets = value => actionLearningShown(al, value);
  headline($('action-learning'), [
    [t('measure.sessions'), ofSets(al.sessionsHeld)], [t('measure.actions.committed'), ofSets(al.actionsCommitted)],
    [t('measure.actions.done'), ofSets(al.actionsDone)],
    [t('dashboard.action.followthrough'),
      al.followThroughRate === null ? ofSets(null) : Math.round(al.followThroughRate * 100) + '%'],
    [t('dashboard.action.evaluation'),
      al.averageEvaluation === null ? ofSets(null) : al.averageEvaluation.toFixed(1)]]);
  // Said where the dashboard's other figures are exact (a team's own) and these are not.
  const setsControl = !control && al.smallNumbers;
  $('action-learning-control').hidden = !setsControl;
  $('action-learning-control').textContent = setsControl ? t('dashboard.action.smallnumbers',
    {count: al.smallNumbers.fewerThan, roundedTo: al.smallNumbers.roundedTo}) : '';
  weeks(dashboard.weeks || []);
  voices(dashboard.perspectives);
  bars('themes', t('dashboard.themes.chart'), dashboard.themes.slice(0, 10).map(theme => [theme.theme, theme.count]),
    '#00568f');
  bars('outcomes', t('dashboard.outcomes.heading'),
    Object.entries(OUTCOMES).map(([key, label]) => [t(label),
      dashboard.outcomes[key] === undefined ? 0 : dashboard.outcomes[key]]), '#3d5a1e');
  feed(dashboard.recent);
}

function headline(list, items) {
  list.replaceChildren(...items.map(([label, value]) => {
    const item = document.createElement('li');
    const number = document.createElement('span');
    number.className = 'number';
    number.textContent = shown(value);
    item.append(number, label);
    return item;
  }));
}

/**
 * A period as a table names it: a week or a month the days asked for cut short says which days it covers, so that
 * its counts are not read as a whole one's.
 */
function periodLabel(period) {
  const first = new Date(period.from + 'T00:00:00Z');
  const days = (Date.parse(period.to + 'T00:00:00Z') - first.getTime()) / 86400000 + 1;
  const whole = /W\d+$/.test(period.bucket) ? 7
    : new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return days >= whole ? period.bucket
    : t('analysis.period.part', {period: period.bucket, from: dayText(period.from), to: dayText(period.to)});
}

/** Breakthroughs, disappointments and reflections side by side, each with the same weight. */
function weeks(rows) {
  const labels = rows.map(row => row.week);
  const series = [['BREAKTHROUGH', 'breakthroughs'], ['DISAPPOINTMENT', 'disappointments'], ['REFLECTION', 'reflections']];
  chart('weeks', {
    type: 'bar',
    data: {labels, datasets: series.map(([kind, field]) => ({
      label: t(KINDS[kind]), data: rows.map(row => row[field]), backgroundColor: COLOURS[kind]}))},
    options: {scales: {y: {beginAtZero: true, ticks: {precision: 0}}}}
  });
  const total = field => sumShown(rows.map(row => row[field]));
  // The weeks the chart holds, named: the last twelve, a chosen period's, or the latest 53 of a longer one.
  $('weeks-chart').setAttribute('aria-label', t('dashboard.weeks.summary', {weeks: rows.length,
    first: labels[0] || '', last: labels[labels.length - 1] || '',
    breakthroughs: total('breakthroughs'), disappointments: total('disappointments'),
    reflections: total('reflections')}));
  table('weeks-table', [t('dashboard.weeks.week'), t(KINDS.BREAKTHROUGH), t(KINDS.DISAPPOINTMENT), t(KINDS.REFLECTION)],
    rows.map(row => [periodLabel({bucket: row.week, from: row.from, to: row.to}), row.breakthroughs,
      row.disappointments, row.reflections]));
}

/**
 * Whose voices: warns when one perspective gives more than half of the learning, or one is missing, or (under
 * small-number control) one reads "fewer than".
 */
function voices(perspectives) {
  const rows = Object.entries(PERSPECTIVES).map(([key, label]) => [t(label),
    perspectives[key] === undefined ? 0 : perspectives[key]]);
  bars('voices', t('dashboard.voices.chart'), rows, '#5b2a86');
  const counted = rows.filter(([, count]) => count !== null);
  const total = counted.reduce((sum, [, count]) => sum + count, 0);
  const warnings = [];
  const allShown = counted.length === rows.length;
  // One voice over half of what is counted is said on every view, the wider ones (where the small voices are held
  // back) included, as a share of what is shown; who is not heard at all only where every figure is exact.
  const loudest = total > 0 && counted.find(([, count]) => count * 2 > total);
  if (loudest) {
    warnings.push(t(allShown ? 'dashboard.voices.loudest' : 'dashboard.voices.loudest.shown',
      {perspective: loudest[0], percent: Math.round(loudest[1] * 100 / total)}));
  }
  if (total > 0 && allShown) {
    const missing = counted.filter(([, count]) => count === 0).map(([label]) => label);
    if (missing.length) {
      warnings.push(t('dashboard.voices.missing', {perspectives: missing.join(', ')}));
    }
  }
  const few = rows.filter(([, count]) => count === null).map(([label]) => label);
  if (few.length) {
    warnings.push(t('dashboard.voices.few', {perspectives: few.join(', '), fewer: fewerThan}));
  }
  $('voices-warning').hidden = warnings.length === 0;
  // A status is announced when it changes: set again as it was at every push, it would be said again and again.
  const said = warnings.length ? t('dashboard.voices.warning', {warnings: warnings.join(' ')}) : '';
  if ($('voices-warning').textContent !== said) {
    $('voices-warning').textContent = said;
  }
}

function bars(name, title, rows, colour) {
  chart(name, {
    type: 'bar',
    data: {labels: rows.map(([label]) => label), datasets: [{label: title, data: rows.map(([, v]) => v), backgroundColor: colour}]},
    options: {indexAxis: 'y', plugins: {legend: {display: false}}, scales: {x: {beginAtZero: true, ticks: {precision: 0}}}}
  });
  $(name + '-chart').setAttribute('aria-label', rows.length
    ? t('dashboard.chart.summary', {title, values: rows.map(([label, value]) => label + ' ' + shown(value)).join(', ')})
    : t('dashboard.chart.empty', {title}));
  table(name + '-table', ['', t('table.count')], rows);
}

function chart(name, definition) {
  if (!window.Chart) {
    return;
  }
  definition.options = Object.assign({animation: false, responsive: true, maintainAspectRatio: false}, definition.options);
  if (charts[name]) {
    charts[name].data = definition.data;
    charts[name].update();
  } else {
    charts[name] = new Chart($(name + '-chart'), definition);
  }
}

function table(id, headings, rows) {
  const element = document.createElement('table');
  const head = element.createTHead().insertRow();
  headings.forEach(text => {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = text || t('table.name');
    head.append(th);
  });
  const body = element.createTBody();
  rows.forEach(row => {
    const tr = body.insertRow();
    row.forEach(value => { tr.insertCell().textContent = shown(value); });
  });
  $(id).replaceChildren(element);
}

/** One learning entry as every list of them shows it: its kind, then what was said. */
function learningItem(item) {
  const li = document.createElement('li');
  const kind = document.createElement('span');
  kind.className = 'kind kind-' + item.kind;
  kind.textContent = t(KIND[item.kind]) + ': ';
  const said = document.createElement('span');
  said.className = 'said';
  said.textContent = item.summary;
  li.append(kind, said);
  return li;
}

/** A list of links, each [address, text] of an item, or one line saying there is none. */
function linkList(list, items, linkOf, none) {
  list.replaceChildren(...items.map(item => {
    const [address, text] = linkOf(item);
    const li = document.createElement('li');
    const link = document.createElement('a');
    link.href = address;
    link.textContent = text;
    li.append(link);
    return li;
  }));
  if (!items.length) {
    const li = document.createElement('li');
    li.textContent = none;
    list.append(li);
  }
}

/**
 * Lists what {@code answer} holds as links; when the read was refused (the store down, say), says so and why in the
 * list's place rather than showing it empty.
 */
async function answeredList(list, answer, linkOf, none) {
  if (answer.ok) {
    linkList(list, await answer.json(), linkOf, none);
    return;
  }
  list.replaceChildren(refusedItem(await notShown(answer)));
}

/**
 * Reads with {@code read} (which answers the list under {@code field}, or why not as {@code refused}) until
 * {@code settledOn} holds of the list; a refusal is said in {@code list}'s place. Answers the list, or null if refused.
 */
async function settledList(read, field, settledOn, list) {
  const answered = await settle(read, one => !!one.refused || (settledOn || (() => true))(one[field]));
  if (answered.refused) {
    list.replaceChildren(refusedItem(answered.refused));
    return null;
  }
  return answered[field];
}

/** Why a read was refused, as a list shown in its place says it. */
async function notShown(answer) {
  const problem = await answer.json().catch(() => ({}));
  return problem.detail ? t('list.notshown', {detail: problem.detail}) : t('list.notshown.unknown');
}

/** An item standing for a list whose read was refused: why, rather than an empty list. */
function refusedItem(why) {
  const li = document.createElement('li');
  li.className = 'refused';
  li.textContent = why;
  return li;
}

/** The headers of every call to the services: the signed-in person's token, problems in the page's language. */
function apiHeaders(more = {}) {
  return {Authorization: 'Bearer ' + session().token, 'Accept-Language': lang, ...more};
}

/**
 * A read of the API as the signed-in person, its problems told in the page's language, and the words someone took
 * back said in it too.
 */
async function readApi(path) {
  const answer = await fetchAsPerson(path);
  const json = answer.json.bind(answer);
  answer.json = () => json().then(inPageLanguage);
  return answer;
}

/** What the services write in place of words someone took back, by the key of what the page says instead. */
const TAKEN_BACK = {'[withdrawn]': 'said.withdrawn', '[retracted]': 'said.retracted'};

/** {@code value}, an answer's JSON, with each word taken back said in the page's language. */
function inPageLanguage(value) {
  if (typeof value === 'string') {
    return TAKEN_BACK[value] ? t(TAKEN_BACK[value]) : value;
  }
  if (Array.isArray(value)) {
    return value.map(inPageLanguage);
  }
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([name, inner]) => [name, inPageLanguage(inner)]));
  }
  return value;
}

/**
 * Reads, and reads again while {@code settled} does not hold of what was read, at most {@code attempts} times: what
 * the page has just recorded reaches the read side a little later, tens of milliseconds on a quiet platform. So the
 * second read is 50 ms after the first, and the pause doubles up to a quarter of a second.
 */
async function settle(read, settled, attempts = 40) {
  let value = await read();
  for (let attempt = 1; attempt < attempts && !settled(value); attempt++) {
    await new Promise(resolve => setTimeout(resolve, Math.min(250, 25 * 2 ** attempt)));
    value = await read();
  }
  return value;
}

/** What the recent list shows now: a live region, read out again only when it changes, not at every push. */
let feedShown;

function feed(recent) {
  const shownNow = lang + JSON.stringify(recent);
  if (shownNow === feedShown) {
    return;
  }
  feedShown = shownNow;
  const list = $('feed');
  if (!recent.length) {
    const li = document.createElement('li');
    li.textContent = t('dashboard.feed.empty');
    list.replaceChildren(li);
    return;
  }
  // An entry keeps its element while it stays listed as it was: the live region reads out only what was added.
  const keys = recent.map(item => lang + JSON.stringify(item));
  const kept = new Map();
  [...list.children].forEach(li => {
    if (keys.includes(li.dataset.key)) {
      kept.set(li.dataset.key, li);
    } else {
      li.remove();
    }
  });
  let next = list.firstElementChild;
  recent.forEach((item, index) => {
    if (next && next.dataset.key === keys[index]) {
      next = next.nextElementSibling;
      return;
    }
    let li = kept.get(keys[index]);
    if (!li) {
      li = learningItem(item);
      li.dataset.key = keys[index];
      const when = document.createElement('time');
      when.dateTime = item.at;
      when.textContent = ' (' + new Date(item.at).toLocaleString(locale()) + ')';
      li.append(when);
    }
    list.insertBefore(li, next);
  });
}

/**
 * The forms whose words are kept when the page goes before they were sent (the language switch, a reload, a sign-in
 * that expired): each form's fields, and those of them that are the person's words.
 */
const DRAFTED = {
  'capture-form': {fields: ['kind', 'summary', 'detail', 'themes', 'perspective', 'visibility', 'experimentId',
    'storyId', 'cohortId'], words: ['summary', 'detail'], status: 'capture-status'},
  'propose-form': {fields: ['title', 'hypothesis', 'themes', 'plannedEnding', 'endsBy', 'storyId', 'visibility'],
    words: ['title', 'hypothesis', 'plannedEnding'], status: 'propose-status'},
  // Who may read a story, and what for, come back with it: a story kept private must not come back shared.
  'story-form': {fields: ['text', 'visibility', 'purposes'], words: ['text'], status: 'story-status'},
  'post-form': {fields: ['side', 'text', 'themes', 'visibility'], words: ['text'], status: 'post-status'},
  // A step of the experiment or the session shown: given back only to it, once it is shown again.
  'adapt-form': {fields: ['change', 'reason', 'endsBy'], words: ['change', 'reason'], status: 'experiment-status',
    ofShown: true},
  'conclude-form': {fields: ['outcome', 'summary', 'ending', 'endingNote'], words: ['summary', 'endingNote'],
    status: 'experiment-status', ofShown: true},
  'present-form': {fields: ['presenter', 'problem'], words: ['problem'], status: 'session-status', ofShown: true},
  'question-form': {fields: ['text'], words: ['text'], status: 'session-status', ofShown: true},
  'insight-form': {fields: ['text'], words: ['text'], status: 'session-status', ofShown: true},
  'action-form': {fields: ['text', 'dueBy'], words: ['text'], status: 'session-status', ofShown: true}
};

/** Drafts of a step of an experiment or a session, waiting for it to be shown again: by form, with where they were. */
const draftsOfShown = {};

/** A field's value as a draft keeps it: a list of ticked values for a group of tick boxes. */
function fieldValue(form, name) {
  const field = form.elements[name];
  if (field instanceof RadioNodeList && field[0] && field[0].type === 'checkbox') {
    return Array.from(field).filter(box => box.checked).map(box => box.value);
  }
  return field.value;
}

function setFieldValue(form, name, value) {
  const field = form.elements[name];
  if (Array.isArray(value)) {
    Array.from(field).forEach(box => {
      box.checked = value.includes(box.value);
    });
  } else if (value !== undefined) {
    // A choice the list does not hold now (read without a connection, or no longer offered) stays chosen, as it
    // was: else it would be sent without it, and under another key.
    if (field.tagName === 'SELECT' && value && !Array.from(field.options).some(option => option.value === value)) {
      const kept = new Option(t('form.kept.choice'), value);
      kept.dataset.kept = 'true';
      field.append(kept);
    }
    field.value = value || '';
  }
}

/**
 * What the person was writing when the page went, kept in this tab for them alone: the page that comes next (the
 * same one reloaded, in the other language, or signed out after an expired sign-in) gives it back once the same
 * person is signed in (anyone else never sees it). A sign-out drops the session first, so nothing is kept then.
 */
/** Whether the person has written anything in form {@code id} (one of {@link DRAFTED}). */
function hasWords(id) {
  return DRAFTED[id].words.some(name => $(id).elements[name].value.trim());
}

function keepDraft() {
  if (!session()) {
    return;
  }
  sessionStorage.removeItem('draft'); // none from before: only what is in the forms now comes back
  const forms = {};
  const tried = {};
  for (const [id, {fields, ofShown}] of Object.entries(DRAFTED)) {
    if (hasWords(id) && (!ofShown || !$(id).hidden)) {
      forms[id] = Object.fromEntries(fields.map(name => [name, fieldValue($(id), name)]));
      if (ofShown) {
        forms[id].at = location.hash;
      }
      // Sent and not answered yet (the page left while it was on its way): the same key goes with it again.
      if ($(id).dataset.key) {
        tried[id] = {key: $(id).dataset.key, sent: $(id).dataset.sent};
      }
    }
  }
  if (Object.keys(forms).length) {
    sessionStorage.setItem('draft', JSON.stringify({sub: session().person.sub, forms, tried,
      anonymous: $('capture-form').elements.anonymous.checked}));
  }
}

function restoreDraft(person) {
  const draft = JSON.parse(sessionStorage.getItem('draft') || 'null');
  sessionStorage.removeItem('draft');
  if (!draft || draft.sub !== person.sub) {
    return;
  }
  for (const [id, fields] of Object.entries(draft.forms || {'capture-form': draft.fields || {}})) {
    if (!DRAFTED[id]) {
      continue;
    }
    const tried = (draft.tried || {})[id];
    if (DRAFTED[id].ofShown) {
      draftsOfShown[id] = {fields, tried};
      continue;
    }
    // "Without my name" comes back with what was written, never over what was ticked since.
    if (giveDraftBack(id, fields, tried) && id === 'capture-form') {
      $('capture-form').elements.anonymous.checked = Boolean(draft.anonymous);
    }
  }
  if (shownExperiment || shownSession) {
    giveShownDraftsBack(); // shown already: else once it is
  }
  storyWithoutName();
}

/** Gives the drafts of the experiment or session now shown back to its forms, once. */
function giveShownDraftsBack() {
  for (const [id, {fields, tried}] of Object.entries(draftsOfShown)) {
    if (fields.at === location.hash) {
      delete draftsOfShown[id];
      giveDraftBack(id, fields, tried);
    }
  }
}

/**
 * Gives a kept draft back to form {@code id}, with its key if it was sent and not answered ({@code tried}); whether it
 * did.
 */
function giveDraftBack(id, fields, tried) {
  const form = $(id);
  if (hasWords(id)) {
    return false; // written in again since the page came (its lists were slow): what is there now stands
  }
  DRAFTED[id].fields.forEach(name => setFieldValue(form, name, fields[name]));
  if (tried) {
    // Found walking through as a person new to such pages: a reload while it was on its way said "nothing was
    // sent", and recording it again recorded it twice. Sent again unchanged, it carries its first key: once.
    form.dataset.key = tried.key;
    form.dataset.sent = tried.sent;
  }
  $(DRAFTED[id].status).textContent = t(tried ? 'capture.draft.tried' : 'capture.draft.back');
  return true;
}

/**
 * The own story and experiment choices, and "Private", cleared and not offered while the entry is to be shared without
 * the person's name.
 */
function storyWithoutName() {
  const anonymous = $('anonymous').checked;
  // Neither one's own story nor an experiment of one's own: each names who told or proposed it.
  for (const select of [$('storyId'), $('experimentId')]) {
    select.querySelectorAll('optgroup[data-own]').forEach(group => {
      group.disabled = anonymous;
    });
    if (anonymous && select.selectedOptions[0] && select.selectedOptions[0].parentElement.dataset.own) {
      select.value = '';
    }
  }
  // Nor private: shared without a name is for others to read (refused by the service; offline, only days later).
  $('visibility').querySelector('option[value=PRIVATE]').disabled = anonymous;
  if (anonymous && $('visibility').value === 'PRIVATE') {
    $('visibility').value = '';
  }
}

/** Records learning; a refused field is named next to it. Without a connection it waits on the device. */
async function record(event) {
  event.preventDefault();
  const form = event.target;
  const body = {
    kind: form.elements.kind.value,
    summary: form.elements.summary.value,
    detail: form.elements.detail.value || null,
    themes: themesOf(form.elements.themes.value),
    perspective: form.elements.perspective.value,
    visibility: form.elements.visibility.value,
    experimentId: form.elements.experimentId.value || null,
    storyId: form.elements.storyId.value || null,
    cohortId: form.elements.cohortId.value || null,
    anonymous: form.elements.anonymous.checked
  };
  // Who may read it, and whose voice it carries, are the person's to choose, never assumed (found walking through as a
  // person new to such pages: untouched, an entry went to the whole system as a practitioner's); kept for the next.
  Array.from(form.elements).filter(element => element.name).forEach(element => showError(element.name, null));
  const unmade = unchosen(['perspective', 'visibility']);
  // Found on a phone without signal: an empty entry was saved to wait, and refused only when it went, days later.
  const blank = !navigator.onLine && blankField(['summary']);
  if (blank || unmade) {
    $('capture-status').textContent = t(blank ? 'capture.offline.refused' : 'capture.choose');
    return;
  }
  keepChoices(body);
  // Without a connection, or when one drops before the answer, it waits on the device under its key: sent once.
  // One whose send was tried may have been recorded: it is only ever sent again under its key, never put back.
  const wait = (key, text, said, tried) => {
    keepWaiting({key, body: text, at: new Date().toISOString(), tried});
    forgetKey(form);
    form.reset();
    $('capture-status').textContent = t(said);
  };
  if (!navigator.onLine) {
    // Sent before the page was left and not answered (a draft brought its key back): it may have been recorded, so
    // it waits as it was sent, under that key.
    if (form.dataset.sent === 'POST /api/learning ' + JSON.stringify(body)) {
      wait(form.dataset.key, JSON.stringify(body), 'capture.offline', true);
      return;
    }
    // Dated when it was noted, not when the connection comes back (the same body, and key, however late it goes).
    const text = JSON.stringify({...body, notedAt: new Date().toISOString()});
    wait(keyFor(form, 'POST', '/api/learning', text), text, 'capture.offline', false);
    return;
  }
  const answer = await sendCommand('/api/learning', body, {form, prefix: '', status: 'capture-status',
    lost: (key, text) => {
      wait(key, text, 'capture.lost', true);
      sendWaitingIn(30000);
    }});
  if (answer) {
    keepRecorded(answer.id, body);
    form.reset();
    myExperiments();
    $('capture-status').textContent = t(RECORDED_TEXTS[body.visibility] || 'capture.recorded');
  }
}

/** Which of the choices {@code ids} are not made yet, each said next to it; the first unmade one, or none. */
function unchosen(ids) {
  const open = ids.filter(id => !$(id).value);
  ids.forEach(id => showError(id, open.includes(id) ? t('form.choose.one') : null));
  if (open.length) {
    $(open[0]).focus();
  }
  return open[0];
}

/** The person's last choices of perspective and audience, for this sign-in only (a shared computer's next person). */
function keepChoices(body) {
  sessionStorage.setItem('choices', JSON.stringify({perspective: body.perspective, visibility: body.visibility}));
}

function giveBackChoices() {
  const kept = JSON.parse(sessionStorage.getItem('choices') || 'null');
  for (const name of ['perspective', 'visibility']) {
    if (kept && [...$(name).options].some(option => option.value && option.value === kept[name])) {
      $(name).value = kept[name];
    }
  }
}

/** What the page says once an entry is recorded: who may read it now, in words a person can check at once. */
const RECORDED_TEXTS = {PRIVATE: 'capture.recorded.private', TEAM: 'capture.recorded.team',
  ORGANISATION: 'capture.recorded.organisation', SYSTEM: 'capture.recorded'};

/**
 * The Idempotency-Key of a command sent from {@code form}: the same command sent again after no answer keeps its
 * key, so it is recorded once; anything else (a new command, or one that was answered) gets a new one.
 */
function keyFor(form, method, path, text) {
  const sent = method + ' ' + path + ' ' + text;
  if (form.dataset.sent !== sent) {
    form.dataset.sent = sent;
    form.dataset.key = newKey();
  }
  return form.dataset.key;
}

function forgetKey(form) {
  delete form.dataset.sent;
  delete form.dataset.key;
}

/**
 * Sends a command from one of the page's forms: its fields' refusals are named next to them (each field's element id
 * is the form's prefix, a dash and the field's name; the field's name alone without a prefix), the form's own status
 * says the rest, and nothing typed is lost. Answers the command's JSON answer, or null when it was not recorded. When
 * no answer came, {@code lost} (if given) is handed the command's key and body instead.
 */
async function sendCommand(path, body, {form, prefix, status, method = 'POST', lost}) {
  const fieldId = fieldIdIn(prefix);
  Array.from(form.elements).filter(element => element.name).forEach(element => showError(fieldId(element.name),
    null));
  $(status).textContent = t('command.sending');
  const text = JSON.stringify(body);
  const key = keyFor(form, method, path, text);
  // A second tap while the first is on its way sends nothing more (it would be told "still being answered").
  cancelRelease(form);
  const buttons = [...form.querySelectorAll('button')].filter(button => button.type === 'submit');
  const pressed = buttons.includes(document.activeElement) ? document.activeElement : null;
  buttons.forEach(button => button.disabled = true);
  const release = () => {
    cancelRelease(form);
    buttons.forEach(button => button.disabled = false);
    if (pressed && document.activeElement === document.body) {
      pressed.focus(); // a disabled button lets go of the focus: given back where the person was
    }
  };
  let recorded = false;
  try {
    return await sendOnce();
  } finally {
    // After a success, the second tap of a double tap (which would send an emptied form again) lands on nothing;
    // typing the next one frees the button at once.
    if (recorded) {
      form.addEventListener('input', release);
      form.pendingRelease = {release, timer: setTimeout(release, DOUBLE_TAP_MS)};
    } else {
      release();
    }
  }

  async function sendOnce() {
    let answer;
    try {
      answer = await fetchAsPerson(config.commandServiceUrl + path, {
        method,
        headers: {'Content-Type': 'application/json', 'Idempotency-Key': '"' + key + '"'},
        body: method === 'DELETE' ? undefined : text
      });
    } catch (failed) {
      if (lost) {
        lost(key, text);
      } else {
        $(status).textContent = t('command.lost');
      }
      return null;
    }
    // Its first try still being answered (409 with Retry-After): sent again, it must carry the same key.
    if (answer.status !== 429 && answer.status < 500 && !stillAnswering(answer)) {
      forgetKey(form);
    }
    if (answer.ok) {
      recorded = true;
      $(status).textContent = '';
      return answer.json().catch(() => ({}));
    }
    const problem = await answer.json().catch(() => ({}));
    const errors = problem.errors || [];
    errors.forEach(error => showError(fieldId(error.field), error.message));
    const first = errors.map(error => $(fieldId(error.field))).find(Boolean);
    if (first) {
      first.focus();
    }
    const detail = refusalText(problem, fieldId);
    $(status).textContent = detail ? t('command.refused', {detail}) : t('command.refused.unknown');
    return null;
  }
}

/** How long after a command is answered its form's buttons wait: longer than a double tap, shorter than a thought. */
const DOUBLE_TAP_MS = 700;

/** Forgets a form's release still to come, so that it cannot free the buttons of a command sent since. */
function cancelRelease(form) {
  const pending = form.pendingRelease;
  if (pending) {
    clearTimeout(pending.timer);
    form.removeEventListener('input', pending.release);
    delete form.pendingRelease;
  }
}

/** After a step whose form the new state hides, focus moves to what says it was saved instead of being lost. */
function keepFocus(form, saved) {
  if (form.offsetParent === null) {
    $(saved).tabIndex = -1;
    $(saved).focus();
  }
}

/** A list as a person types it: separated by commas, each item trimmed, empty ones dropped. */
function listOf(text) {
  return text.split(',').map(item => item.trim()).filter(Boolean);
}

/** Themes as a person types them: a list; each run of spaces one, as the services record them. */
function themesOf(text) {
  return listOf(text).map(theme => theme.replace(/\s+/g, ' '));
}

/** Entries recorded without a connection wait on this device, per person, until they are sent. */
function waitingKey() {
  return 'waiting:' + session().person.sub;
}

function waitingEntries() {
  return JSON.parse(localStorage.getItem(waitingKey()) || '[]');
}

/** Keeps {@code entry} waiting on the device, once: the same command (its key) sent twice waits once. */
function keepWaiting(entry) {
  localStorage.setItem(waitingKey(), JSON.stringify([...waitingEntries().filter(other => other.key !== entry.key),
    entry]));
  showWaiting();
}

/** The one try again of what waits on the device, however many reasons asked for one. */
let waitingRetry;

function sendWaitingIn(millis) {
  clearTimeout(waitingRetry);
  waitingRetry = setTimeout(sendWaiting, millis);
}

function showWaiting() {
  const entries = session() ? waitingEntries() : [];
  $('waiting').hidden = !entries.length;
  $('waiting-entries').replaceChildren(...entries.map(entry => {
    const li = document.createElement('li');
    const said = JSON.parse(entry.body);
    li.append(entry.refused ? t('capture.waiting.refused', {reason: entry.refused, summary: said.summary})
      : t('capture.waiting.entry', {summary: said.summary}));
    // Refused, or never sent yet (a sensitive entry noticed before the connection returns): back to be changed.
    if (entry.refused || entry.tried === false) {
      const back = document.createElement('button');
      back.type = 'button';
      back.className = 'secondary';
      back.textContent = t('capture.waiting.putback');
      back.setAttribute('aria-label', t('capture.waiting.putback.named', {summary: said.summary}));
      back.addEventListener('click', () => putBack(entry));
      li.append(' ', back);
    }
    return li;
  }));
}

/**
 * What this person recorded from this device lately, newest first, kept here so that they can take an entry back:
 * learning shared without their name too, which no list of theirs on the services can show.
 */
const RECORDED_KEPT = 20;

function recordedKey() {
  return 'recorded:' + session().person.sub;
}

function recordedEntries() {
  return JSON.parse(localStorage.getItem(recordedKey()) || '[]');
}

/** Keeps the entry {@code id}, recorded from this device as {@code said} (its body), once, newest first. */
function keepRecorded(id, said) {
  const entry = {id, summary: said.summary, detail: said.detail || null, anonymous: said.anonymous,
    visibility: said.visibility, at: new Date().toISOString()};
  localStorage.setItem(recordedKey(), JSON.stringify([entry, ...recordedEntries().filter(other => other.id !== id)]
    .slice(0, RECORDED_KEPT)));
  showRecorded();
}

function forgetRecorded(id) {
  localStorage.setItem(recordedKey(), JSON.stringify(recordedEntries().filter(entry => entry.id !== id)));
  takenBack.add(id);
  showRecorded();
}

/**
 * The learning this person recorded under their name, as the services list it whichever device recorded it: an array
 * once read, or why it could not be (a string). Entries taken back here are left out until the list no longer has them.
 */
let myLearning = [];
const takenBack = new Set();
/** What the list of one's learning shows now, to rebuild it only when that changes. */
let recordedShown;
const MY_LEARNING_SHOWN = 50;
/** Counts reads asked and lists dropped: a read answered after a newer one, or after its list was dropped, is not shown. */
let myLearningAsked = 0;

/**
 * Reads the learning this person recorded under their name, to offer it beside what this device kept; read again
 * while {@code settled} does not hold of what was read (a change the page made reaches the read side a little later).
 */
async function readMyLearning(settled = () => true) {
  const asked = ++myLearningAsked;
  const read = await settle(async () => {
    try {
      const answer = await readApi('/api/learning/mine?size=' + MY_LEARNING_SHOWN);
      return answer.ok ? (await answer.json()).items : await notShown(answer);
    } catch (e) {
      return t('list.notshown.unknown');
    }
  }, items => asked !== myLearningAsked || !Array.isArray(items) || settled(items));
  if (asked === myLearningAsked) {
    myLearning = read;
    if (Array.isArray(read)) {
      forgetTakenBackElsewhere(read);
    }
    showRecorded();
  }
}

/**
 * Forgets the entries kept here under this person's name that the services listed once and list no more where they
 * would (taken back on another device); one they never listed yet may only not have reached the read side.
 */
function forgetTakenBackElsewhere(listed) {
  const complete = listed.length < MY_LEARNING_SHOWN;
  const isListed = entry => listed.some(item => item.id === entry.id);
  const gone = entry => !entry.anonymous && entry.listed && !isListed(entry)
    && (complete || entry.position > listed[listed.length - 1].position);
  const kept = recordedEntries();
  const now = kept.filter(entry => !gone(entry)).map(entry => {
    const item = listed.find(other => other.id === entry.id);
    return item ? {...entry, listed: true, position: item.position} : entry;
  });
  if (JSON.stringify(now) !== JSON.stringify(kept)) {
    localStorage.setItem(recordedKey(), JSON.stringify(now));
  }
}

/** Forgets the list the services gave (a read still under way included): another person, or words now withdrawn. */
function dropMyLearning() {
  myLearningAsked++;
  myLearning = [];
  showRecorded();
}

/**
 * An entry of one's own as the list of them names it: what it says, and, shared without a name, that it was (or, its
 * words not kept on this device once they signed out, when).
 */
function recordedText(entry) {
  if (!entry.anonymous) {
    return entry.summary;
  }
  return entry.summary === undefined
    ? t('capture.mine.entry.anonymous.unsaid', {date: new Date(entry.at).toLocaleString(locale())})
    : t('capture.mine.entry.anonymous', {summary: entry.summary});
}

/** What this person may share more widely or take back: what the services list and what this device kept, newest first. */
function showRecorded() {
  const listed = Array.isArray(myLearning) ? myLearning.map(item => ({id: item.id, summary: item.summary,
    detail: item.detail || null, anonymous: item.anonymous, visibility: item.visibility, at: item.at})) : [];
  const entries = session() ? [...listed, ...recordedEntries().filter(kept => !listed.some(item => item.id === kept.id))]
    .filter(entry => !takenBack.has(entry.id)).sort((a, b) => (Date.parse(b.at) || 0) - (Date.parse(a.at) || 0))
    : [];
  const refused = session() && typeof myLearning === 'string';
  $('recorded').hidden = !entries.length && !refused;
  // Rebuilt only when what it shows changed: a reason half typed, and the focus, stay otherwise.
  const shownNow = lang + JSON.stringify(entries) + (refused ? myLearning : '');
  if (shownNow === recordedShown) {
    return;
  }
  recordedShown = shownNow;
  $('recorded-entries').replaceChildren(...entries.map(entry => {
    const li = document.createElement('li');
    const said = document.createElement('span');
    said.id = 'said-' + entry.id;
    said.textContent = recordedText(entry);
    li.append(said);
    const prefix = 'takeback-' + entry.id;
    const reason = document.createElement('input');
    reason.maxLength = 500;
    reason.autocomplete = 'off'; // a person's reason is not offered to whoever types here next
    const form = oneFieldForm('take-back', prefix, 'reason', t('capture.mine.reason'), reason,
      t('capture.mine.takeback'), said.id);
    form.addEventListener('submit', event => takeBack(event, entry, prefix));
    li.append(form);
    // Entries kept before the page knew their audience are not offered: it would have to guess.
    const wider = entry.visibility ? AUDIENCES.slice(AUDIENCES.indexOf(entry.visibility) + 1)
      .filter(audience => audience !== 'TEAM' || (session().person.team || '').trim()) : [];
    if (wider.length) {
      li.append(widenForm(entry, wider, said.id));
    }
    // Said anew only where its words are known whole: an entry kept by an earlier release lacks its detail, which
    // would be lost, and one shared without a name keeps no words after signing out.
    if (entry.summary !== undefined && entry.detail !== undefined) {
      li.append(correctForm(entry, said.id));
    }
    return li;
  }), ...(refused ? [refusedItem(myLearning)] : []));
}

/**
 * The form that says an entry (its words in {@code said}) anew, and why: "a correction is a new event", the words
 * before kept in its history. Found in review: an entry could only be taken back, its words gone with it.
 */
function correctForm(entry, said) {
  const prefix = 'correct-' + entry.id;
  const form = document.createElement('form');
  form.noValidate = true;
  form.className = 'correct';
  const fields = [['summary', 'capture.mine.correct.summary', 'input', 500, entry.summary],
    ['detail', 'capture.mine.correct.detail', 'textarea', 8000, entry.detail || ''],
    ['reason', 'capture.mine.correct.reason', 'input', 1000, '']].flatMap(([name, text, tag, most, value]) => {
    const label = document.createElement('label');
    label.htmlFor = prefix + '-' + name;
    label.textContent = t(text);
    const control = document.createElement(tag);
    control.id = prefix + '-' + name;
    control.name = name;
    control.maxLength = most;
    control.value = value;
    control.autocomplete = 'off';
    control.setAttribute('aria-describedby', said + ' ' + prefix + '-' + name + '-error');
    const error = document.createElement('p');
    error.id = prefix + '-' + name + '-error';
    error.className = 'error';
    error.hidden = true;
    return [label, control, error];
  });
  const button = document.createElement('button');
  button.type = 'submit';
  button.className = 'secondary';
  button.textContent = t('capture.mine.correct.submit');
  button.setAttribute('aria-describedby', said);
  form.append(...fields, button);
  form.addEventListener('submit', event => correct(event, entry, prefix));
  const details = document.createElement('details');
  const opener = document.createElement('summary');
  opener.textContent = t('capture.mine.correct');
  details.append(opener, form);
  return details;
}

/** Says an entry this person recorded anew: what it says from now on, everywhere; what it said before stays. */
async function correct(event, entry, prefix) {
  event.preventDefault();
  const form = event.target;
  const summary = form.elements.summary.value;
  const detail = form.elements.detail.value;
  const corrected = await sendCommand('/api/learning/' + encodeURIComponent(entry.id) + '/correction',
    {summary, detail: detail.trim() ? detail : null, reason: form.elements.reason.value},
    {form, prefix, status: 'recorded-status'});
  if (corrected) {
    localStorage.setItem(recordedKey(), JSON.stringify(recordedEntries()
      .map(kept => kept.id === entry.id ? {...kept, summary: summary.trim(), detail: detail.trim() ? detail : null}
        : kept)));
    if (Array.isArray(myLearning)) {
      myLearning = myLearning.map(item => item.id === entry.id ? {...item, summary: summary.trim(),
        detail: detail.trim() ? detail : null} : item);
    }
    showRecorded();
    $('recorded-status').textContent = t('capture.mine.corrected', {summary: summary.trim()});
    $('summary').focus();
  }
}

/** Who may read learning, narrowest first: an entry is only ever shared more widely ("amplify and share it"). */
const AUDIENCES = ['PRIVATE', 'TEAM', 'ORGANISATION', 'SYSTEM'];
const AUDIENCE_TEXTS = {PRIVATE: 'visibility.private', TEAM: 'visibility.team',
  ORGANISATION: 'visibility.organisation', SYSTEM: 'visibility.system'};
/** What the page says once an entry is shared with an audience: each in a sentence of its own in each language. */
const WIDENED_TEXTS = {TEAM: 'capture.mine.widened.team', ORGANISATION: 'capture.mine.widened.organisation',
  SYSTEM: 'capture.mine.widened.system'};

/** The form that shares an entry (its words in {@code said}) with one of the {@code wider} audiences than its own. */
function widenForm(entry, wider, said) {
  const prefix = 'widen-' + entry.id;
  const audience = document.createElement('select');
  audience.append(...wider.map(visibility => new Option(t(AUDIENCE_TEXTS[visibility]), visibility)));
  const form = oneFieldForm('widen', prefix, 'visibility', t('form.visibility'), audience, t('capture.mine.widen'),
    said);
  form.addEventListener('submit', event => widen(event, entry, prefix));
  return form;
}

/**
 * A form of one field acting on an entry of the list: its label, the {@code control} named {@code name}, a button
 * and where a refusal of it is said (ids under {@code prefix}, as {@link sendCommand} names them); the control and
 * the button are described by the entry's words ({@code said}, an id), so that each says which entry it acts on.
 */
function oneFieldForm(className, prefix, name, labelText, control, buttonText, said) {
  const form = document.createElement('form');
  form.noValidate = true;
  form.className = className;
  const label = document.createElement('label');
  label.htmlFor = prefix + '-' + name;
  label.textContent = labelText;
  control.id = prefix + '-' + name;
  control.name = name;
  control.setAttribute('aria-describedby', said + ' ' + prefix + '-' + name + '-error');
  const error = document.createElement('p');
  error.id = prefix + '-' + name + '-error';
  error.className = 'error';
  error.hidden = true;
  const button = document.createElement('button');
  button.type = 'submit';
  button.className = 'secondary';
  button.textContent = buttonText;
  button.setAttribute('aria-describedby', said);
  form.append(label, ' ', control, ' ', button, error);
  return form;
}

/**
 * Shares entry {@code learningId} with {@code visibility} once asked whether to, for good: the answer, or null when
 * not sent. Found walking through as a person new to such pages: one tap shared it wider for good, and nothing said so.
 */
async function amplify(learningId, visibility, {form, prefix, status}) {
  if (!confirm(t('capture.mine.widen.confirm', {audience: t(AUDIENCE_TEXTS[visibility])}))) {
    return null;
  }
  return sendCommand('/api/learning/' + encodeURIComponent(learningId) + '/amplification', {visibility},
    {form, prefix, status});
}

/** Shares an entry this person recorded with a wider audience: from now on it counts and shows there too. */
async function widen(event, entry, prefix) {
  event.preventDefault();
  const form = event.target;
  const visibility = form.elements.visibility.value;
  const widened = await amplify(entry.id, visibility, {form, prefix, status: 'recorded-status'});
  if (widened) {
    localStorage.setItem(recordedKey(), JSON.stringify(recordedEntries()
      .map(kept => kept.id === entry.id ? {...kept, visibility} : kept)));
    if (Array.isArray(myLearning)) {
      myLearning = myLearning.map(item => item.id === entry.id ? {...item, visibility} : item);
    }
    showRecorded();
    $('recorded-status').textContent = t(WIDENED_TEXTS[visibility], {summary: recordedText(entry)});
    $('summary').focus();
  }
}

/** Retracts an entry this person recorded: it leaves every view and count; that it was taken back stays recorded. */
async function takeBack(event, entry, prefix) {
  event.preventDefault();
  const form = event.target;
  const taken = await sendCommand('/api/learning/' + encodeURIComponent(entry.id) + '/retraction',
    {reason: form.elements.reason.value}, {form, prefix, status: 'recorded-status'});
  if (taken) {
    forgetRecorded(entry.id);
    $('recorded-status').textContent = t('capture.mine.taken', {summary: recordedText(entry)});
    $('summary').focus();
  }
}

/**
 * An entry refused, or not sent yet, goes back into the form, to be changed and sent again or cleared; nothing typed
 * is lost: not what is in the form already, nor why it was refused.
 */
function putBack(entry) {
  const form = $('capture-form');
  if (hasWords('capture-form')) {
    $('capture-status').textContent = t('capture.waiting.putback.busy');
    return;
  }
  if (!entry.refused && sendingWaiting) {
    $('capture-status').textContent = t('capture.waiting.putback.sending');
    return;
  }
  const said = JSON.parse(entry.body);
  form.elements.kind.value = said.kind;
  for (const field of ['summary', 'detail', 'perspective', 'visibility', 'experimentId', 'storyId', 'cohortId']) {
    form.elements[field].value = said[field] || '';
  }
  form.elements.themes.value = (said.themes || []).join(', ');
  form.elements.anonymous.checked = Boolean(said.anonymous);
  storyWithoutName();
  localStorage.setItem(waitingKey(), JSON.stringify(waitingEntries().filter(other => other.key !== entry.key)));
  showWaiting();
  $('capture-status').textContent = entry.refused ? t('capture.waiting.putback.refused', {reason: entry.refused})
    : t('capture.waiting.putback.done');
  $('summary').focus();
}

let sendingWaiting = false;

/** Sends what waits on this device, in the order it was recorded, each with its own key: each is recorded once. */
async function sendWaiting() {
  if (!session() || sendingWaiting || !navigator.onLine) {
    return;
  }
  sendingWaiting = true;
  let sent = 0;
  let refused = 0;
  try {
    for (const entry of waitingEntries().filter(waiting => !waiting.refused)) {
      // Once its send is tried it may be recorded, whatever answer comes: it is never put back to be sent anew.
      localStorage.setItem(waitingKey(), JSON.stringify(waitingEntries().map(other => other.key === entry.key
        ? {...other, tried: true} : other)));
      let answer;
      try {
        answer = await fetchAsPerson(config.commandServiceUrl + '/api/learning', {method: 'POST',
          headers: {'Content-Type': 'application/json', 'Idempotency-Key': '"' + entry.key + '"'},
          body: entry.body});
      } catch (lost) {
        sendWaitingIn(30000); // the connection came back weaker than the browser thinks
        break;
      }
      if (answer.status === 401) {
        $('capture-status').textContent = t('capture.waiting.signin');
        break;
      }
      if (answer.status === 429 || answer.status >= 500 || stillAnswering(answer)) {
        const retryAfter = Number(answer.headers.get('Retry-After'));
        sendWaitingIn(1000 * (retryAfter > 0 ? Math.min(retryAfter, 30) : 30));
        break;
      }
      let problem = null;
      if (answer.ok) {
        // Recorded from this device like any other: taken back or shared more widely from its list.
        const {id} = await answer.json().catch(() => ({}));
        if (id) {
          keepRecorded(id, JSON.parse(entry.body));
        }
      } else {
        problem = await answer.json().catch(() => ({}));
      }
      const left = waitingEntries().flatMap(other => other.key !== entry.key ? [other]
        : answer.ok ? [] : [{...other, refused: refusalText(problem, fieldIdIn(''))
          || t('capture.waiting.refused.unknown')}]);
      localStorage.setItem(waitingKey(), JSON.stringify(left));
      sent += answer.ok ? 1 : 0;
      refused += answer.ok ? 0 : 1;
      showWaiting();
    }
  } finally {
    sendingWaiting = false;
  }
  // Said in the form's status, which is read out: one refused while nobody looked at the list is not missed.
  if (sent || refused) {
    $('capture-status').textContent = [
      sent ? t(sent === 1 ? 'capture.waiting.sent.one' : 'capture.waiting.sent.other', {count: sent}) : '',
      refused ? t(refused === 1 ? 'capture.waiting.refused.one' : 'capture.waiting.refused.other', {count: refused})
        : ''].filter(Boolean).join(' ');
    myExperiments();
  }
}

/**
 * Whether {@code answer} says to send the same command again, with the same key: its first try is still being answered
 * (409 with Retry-After), or its body came too slowly to be read (408: nothing was recorded).
 */
function stillAnswering(answer) {
  return answer.status === 408 || answer.status === 409 && answer.headers.has('Retry-After');
}

/** A random key of 128 bits (crypto.randomUUID needs a secure context; this does not). */
function newKey() {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), b => b.toString(16).padStart(2, '0')).join('');
}

/** Says a field must not be blank next to each blank one of {@code ids}: answers the first, focused, if any. */
function blankField(ids) {
  const blank = ids.filter(id => !$(id).value.trim());
  ids.forEach(id => showError(id, blank.includes(id) ? t('form.empty') : null));
  if (blank.length) {
    $(blank[0]).focus();
  }
  return blank[0];
}

function showError(field, message) {
  const input = $(field);
  const error = $(field + '-error');
  if (!input || !error) {
    return;
  }
  error.hidden = !message;
  error.textContent = message ? t('form.error', {label: labelOf(field), message}) : '';
  if (message) {
    input.setAttribute('aria-invalid', 'true');
  } else {
    input.removeAttribute('aria-invalid');
  }
}

/** The fields an error names other than by their label: keys of their names. */
const FIELD_NAMES = {summary: 'field.summary', detail: 'field.detail', themes: 'form.themes',
  perspective: 'field.perspective', visibility: 'field.visibility', experimentId: 'field.experiment',
  storyId: 'field.story', cohortId: 'field.cohort', notedAt: 'field.notedat', 'filter-place': 'filters.place',
  'filter-organisation': 'filters.organisation', 'filter-team': 'filters.team', 'filter-theme': 'filters.theme',
  'filter-from': 'filters.from', 'filter-to': 'filters.to', 'filter-asOf': 'filters.asof',
  'withdraw-confirm': 'field.withdraw'};

/** The element id of an API field (themes[0]) in a form whose ids take {@code prefix} ('' for none). */
function fieldIdIn(prefix) {
  return name => (prefix ? prefix + '-' : '') + name.replace(/\[.*$/, '');
}

/**
 * What a refusal says, in the page's words: each refused field named by its label on the page (the services name it as
 * the API does, "plannedEnding", in any language), {@code fieldId} giving the element of a field the API names.
 */
function refusalText(problem, fieldId) {
  const errors = problem.errors || [];
  if (!errors.length) {
    return problem.detail;
  }
  return errors.map(error => t('form.error', {label: labelOf(fieldId(error.field)), message: error.message}))
    .join('; ');
}

function labelOf(field) {
  return FIELD_NAMES[field] ? t(FIELD_NAMES[field]) : labelText(field);
}

/** A field's label as a person reads it, without its hint (its text, or the text of its span that is not the hint). */
function labelText(field) {
  const label = document.querySelector('label[for="' + field + '"]')
    || document.querySelector('[id="' + field + '"] > legend');
  if (!label) {
    return field;
  }
  return Array.from(label.childNodes).filter(node => node.nodeType === Node.TEXT_NODE
    || node.nodeType === Node.ELEMENT_NODE && node.matches('span:not(.hint)'))
    .map(node => node.textContent).join('').trim().replace(/[?:]$/, '');
}
