'use strict';
// The learning exchange (offer what you are good at, ask what you want to learn, see who meets whom on your themes)
// and the person's own page, where they may withdraw their consent.

VIEWS.exchange = {element: 'exchange-view', title: 'page.title.exchange', show: showExchange};
VIEWS.me = {element: 'me-view', title: 'page.title.me', show: showMe};

document.addEventListener('DOMContentLoaded', () => {
  $('post-form').addEventListener('submit', post);
  $('matches-form').addEventListener('submit', event => {
    event.preventDefault();
    matches();
  });
  $('withdraw-form').addEventListener('submit', withdraw);
});

async function showExchange() {
  $('exchange-title').focus();
  // Matches shown when the page was last here are read again, not shown as they were (found in review).
  await Promise.all([exchangeThemes(), myPosts(), matchesShown() ? matches() : null]);
}

/** Whether matches of typed themes are on the screen. */
function matchesShown() {
  return $('matches').childElementCount > 0 && themesOf($('matches-theme').value).length > 0;
}

/** The person's own posts, each to take back (learnt it already, no longer offering, or worded as they would not now). */
async function myPosts(settledOn) {
  const own = await settledList(async () => {
    const answer = await readApi('/api/exchange/mine');
    return answer.ok ? {posts: await answer.json()} : {posts: [], refused: await notShown(answer)};
  }, 'posts', settledOn, $('my-posts'));
  if (!own) {
    return;
  }
  $('my-posts').replaceChildren(...(own.length ? own.map(mine => {
    const li = document.createElement('li');
    li.append(t(mine.side === 'OFFER' ? 'exchange.mine.offer' : 'exchange.mine.wish',
      {text: mine.text, themes: mine.themes.join(', ')}) + ' ');
    const form = document.createElement('form');
    form.className = 'inline';
    const button = document.createElement('button');
    button.type = 'submit';
    button.className = 'secondary';
    button.textContent = t('exchange.mine.retract');
    button.setAttribute('aria-label', t('exchange.mine.retract.label', {text: mine.text}));
    form.append(button);
    form.addEventListener('submit', event => retractPost(event, mine.postId));
    li.append(form);
    return li;
  }) : [Object.assign(document.createElement('li'), {textContent: t('exchange.mine.empty')})]));
}

async function retractPost(event, postId) {
  event.preventDefault();
  const answer = await sendCommand('/api/exchange/' + encodeURIComponent(postId) + '/retraction', {},
    {form: event.target, status: 'my-posts-status'});
  if (!answer) {
    await myPosts(); // refused (taken back elsewhere, say): the list as it now is
    return;
  }
  // Read again until it is gone; focus moves to the list's heading, the button having gone with the post.
  await myPosts(posts => !posts.some(mine => mine.postId === postId));
  if (matchesShown()) {
    // Found in review: "it matches nobody any more" was said beside the matches still listing it.
    await settle(matches, found => !found || !found.some(match => match.offers.concat(match.wishes)
      .some(listed => listed.postId === postId)), 20);
  }
  $('my-posts-status').textContent = t('exchange.mine.retracted');
  keepFocus(event.target, 'my-posts-heading');
  await exchangeThemes();
}

/** The themes on the exchange, offered as the matches' themes are typed. */
async function exchangeThemes() {
  const answer = await readApi('/api/exchange/themes');
  const themes = answer.ok ? await answer.json() : [];
  $('exchange-themes').replaceChildren(...themes.map(theme => new Option(theme)));
}

async function post(event) {
  event.preventDefault();
  const form = event.target;
  const themes = themesOf(form.elements.themes.value);
  // Who may read a post is its author's to choose, as for learning: never the whole system unasked.
  if (unchosen(['post-visibility'])) {
    $('post-status').textContent = t('exchange.post.choose');
    return;
  }
  const answer = await sendCommand('/api/exchange', {side: form.elements.side.value, text: form.elements.text.value,
    themes, visibility: form.elements.visibility.value}, {form, prefix: 'post', status: 'post-status'});
  if (answer) {
    form.reset();
    myPosts(posts => posts.some(mine => mine.postId === answer.id));
    $('post-status').textContent = t('exchange.posted');
    $('matches-theme').value = themes.join(', ');
    await themesKnown(themes);
    // Its themes may have been known before it: the matches are read again until they list it (if it meets anyone).
    await settle(matches, found => !found || found.some(match => match.offers.concat(match.wishes)
      .some(listed => listed.postId === answer.id)), 20);
  }
}

/** Waits a moment, after a post, until the exchange knows its themes. */
function themesKnown(themes) {
  return settle(async () => {
    await exchangeThemes();
    return Array.from($('exchange-themes').options, option => option.value);
  }, known => themes.every(theme => known.includes(theme.toLowerCase().normalize('NFC'))));
}

/** Who offers and who asks on the chosen themes: only themes with both. Answers them (null when not read). */
async function matches() {
  const themes = themesOf($('matches-theme').value);
  showError('matches-theme', null);
  if (!themes.length) {
    showError('matches-theme', t('exchange.matches.notheme'));
    $('matches-theme').focus(); // its error is read with it
    return null;
  }
  const query = themes.map(theme => 'theme=' + encodeURIComponent(theme)).join('&');
  const answer = await readApi('/api/exchange/matches?' + query);
  const found = answer.ok ? await answer.json() : null;
  if (!answer.ok) {
    const problem = await answer.json().catch(() => ({}));
    showError('matches-theme', problem.detail || t('exchange.matches.unreadable'));
    return null;
  }
  // Each side shows its newest 50: more there are said to be, not counted as if all were shown. Said in the status
  // (read out) however many there are: a screen reader hears that matches came.
  say('matches-status', !found.length ? t('exchange.matches.none')
    : answer.headers.get('Link') ? t('exchange.matches.more')
      : t(found.length === 1 ? 'exchange.matches.found.one' : 'exchange.matches.found.other', {count: found.length}));
  $('matches').replaceChildren(...found.map(match => {
    const section = document.createElement('section');
    section.className = 'match';
    const heading = document.createElement('h4');
    heading.textContent = match.theme;
    section.append(heading, posts('exchange.matches.offers', match.offers),
      posts('exchange.matches.wishes', match.wishes));
    return section;
  }));
  return found;
}

/** The posts of one side of a match, under its heading (title: the key of its text, with the count). */
function posts(title, list) {
  const wrapper = document.createElement('div');
  const heading = document.createElement('p');
  heading.className = 'kind';
  heading.textContent = t(title, {count: list.length});
  const items = document.createElement('ul');
  items.append(...list.map(item => {
    const li = document.createElement('li');
    li.textContent = item.text + ' (' + (item.authorName || t('exchange.matches.someone')) + ', '
      + item.organisation + ')';
    return li;
  }));
  wrapper.append(heading, items);
  return wrapper;
}

function showMe() {
  $('me-title').focus();
  const {person} = session();
  $('me-who').textContent = t('me.who', {name: nameOf(person), sub: person.sub,
    team: person.team || t('me.who.noteam'), organisation: person.organisation || t('me.who.noorganisation')});
}

/** Withdraws the person's consent, once they have said they understand what it does. */
async function withdraw(event) {
  event.preventDefault();
  const form = event.target;
  showError('withdraw-confirm', null);
  if (!form.elements.confirm.checked) {
    showError('withdraw-confirm', t('me.withdraw.unticked'));
    $('withdraw-confirm').focus();
    return;
  }
  const answer = await sendCommand('/api/people/me/consent-withdrawal', {}, {form, prefix: 'withdraw',
    status: 'withdraw-status'});
  if (answer) {
    form.reset();
    // Their words kept on this device go too, and those listed from the services; what the page offers is read again.
    forgetOnThisDevice();
    dropMyLearning();
    readMyLearning(items => items.length > 0 && items.every(item => item.summary === t('said.withdrawn')));
    myStories();
    myExperiments();
    $('withdraw-status').textContent = t('me.withdraw.done');
    showWithdrawn();
  }
}
