'use strict';
// Reading back: the learning the signed-in person may read, newest first, a page at a time, within the dashboard's
// filters: the dashboard lists only the latest few, and the feed holds everything shared with them.

const READ_AT_ONCE = 20;
/** Whose perspective one entry carries, as the capture form names each: keys of texts. */
const PERSPECTIVE_OF = {PRACTITIONER: 'capture.perspective.practitioner',
  LIVED_EXPERIENCE: 'capture.perspective.livedexperience', COMMISSIONER: 'capture.perspective.commissioner',
  LEADER: 'capture.perspective.leader', VOLUNTEER: 'capture.perspective.volunteer',
  PARTNER: 'capture.perspective.partner'};
/** What is being read: the filters asked for, and the cursor of the page after those shown ({@code null}: none). */
let reading;

document.addEventListener('DOMContentLoaded', () => {
  $('reading-more').addEventListener('click', readMore);
});

/**
 * Called by the page each time it shows a dashboard: the list follows its place, organisation, team, theme and days,
 * an organisation's or a team's view being the signed-in person's own.
 */
window.readingFollows = (current, params) => {
  $('reading').hidden = false;
  const scoped = filtersOfView(current.person, params);
  const asked = new URLSearchParams();
  ['place', 'organisation', 'team', 'theme', 'from', 'to'].filter(name => scoped.get(name))
    .forEach(name => asked.set(name, scoped.get(name)));
  // As it was known on a past instant: nothing from after it (by when it happened; the entries read as they stand
  // now), and nothing at all when the days chosen begin after it.
  const asOf = scoped.get('asOf');
  const to = scoped.get('to');
  const from = scoped.get('from');
  const lastOfTo = to && /^\d{4}-\d{2}-\d{2}$/.test(to) ? Date.parse(to + 'T23:59:59.999Z') : Date.parse(to);
  if (asOf && !(lastOfTo <= Date.parse(asOf))) {
    asked.set('to', asOf);
  }
  const nothing = Boolean(asOf && from && Date.parse(from) > Date.parse(asOf));
  const choices = current.person.sub + ' ' + asked;
  if (reading && reading.choices === choices) {
    return; // the stream reconnected: what was read stands
  }
  reading = {choices, asked, next: null};
  $('reading-list').replaceChildren();
  if (nothing) {
    $('reading-more').hidden = true;
    say('reading-status', t('reading.empty'));
    return;
  }
  readMore();
};

/** Reads the next page and adds it below those shown. */
async function readMore() {
  const mine = reading;
  const params = new URLSearchParams(mine.asked);
  params.set('size', READ_AT_ONCE);
  if (mine.next !== null) {
    params.set('before', mine.next);
  }
  $('reading-more').disabled = true;
  const answer = await readApi('/api/learning?' + params).catch(() => ({ok: false}));
  const page = answer.json ? await answer.json().catch(() => ({})) : {};
  if (mine !== reading) {
    return; // other filters were chosen meanwhile
  }
  $('reading-more').disabled = false;
  if (!answer.ok) {
    say('reading-status', page.detail ? t('reading.notshown', {detail: page.detail}) : t('reading.notshown.unknown'));
    return;
  }
  $('reading-list').append(...page.items.map(readItem));
  mine.next = page.next;
  $('reading-more').hidden = page.next === null;
  const count = $('reading-list').children.length;
  say('reading-status', count ? t(page.next === null ? 'reading.shown.all' : 'reading.shown', {count})
    : t('reading.empty'));
}

/**
 * One entry: what it says and its detail, whose perspective it carries, who shared it from where and when, its themes,
 * and the experiment it was learnt in. Found in review: the detail and the perspective were read nowhere on the page.
 */
function readItem(item) {
  const li = learningItem(item);
  if (item.detail) {
    const detail = document.createElement('p');
    detail.className = 'detail';
    detail.textContent = item.detail;
    li.append(detail);
  }
  const about = document.createElement('p');
  about.className = 'muted';
  const where = [item.team, item.organisation].filter(Boolean).join(', ');
  const perspective = PERSPECTIVE_OF[item.perspective] ? t(PERSPECTIVE_OF[item.perspective]) : null;
  about.textContent = t(item.anonymous ? 'reading.by.anonymous' : 'reading.by', {author: item.author, where,
    date: new Date(item.at).toLocaleString(locale())})
    + (perspective ? ' ' + t('reading.perspective', {perspective}) : '')
    + (item.themes.length ? ' ' + t('reading.themes', {themes: item.themes.join(', ')}) : '');
  li.append(about);
  // Said anew by its author: when and why, each time (what it said before is in its experiment's history).
  (item.corrections || []).forEach(correction => {
    const note = document.createElement('p');
    note.className = 'muted';
    note.textContent = t('reading.corrected', {date: new Date(correction.at).toLocaleString(locale()),
      reason: correction.reason});
    li.append(note);
  });
  if (item.experimentId) {
    const link = document.createElement('a');
    link.href = '#experiment/' + encodeURIComponent(item.experimentId);
    link.textContent = t('reading.experiment');
    li.append(link);
  }
  const wider = widerForSteward(item);
  if (wider.length) {
    const said = li.querySelector('.said');
    said.id = 'read-' + item.id;
    li.append(stewardsWidenForm(item, wider, said.id));
  }
  return li;
}

/**
 * The audiences wider than an entry's own that the signed-in person may share it with as a facilitator or leader of
 * its author's organisation ("if something has worked, amplify and share it"): never a private one, which its author
 * alone shares. Found in review: the page offered it to authors only, under their own entries.
 */
function widerForSteward(item) {
  const person = session().person;
  const steward = (person.roles || []).some(role => role === 'FACILITATOR' || role === 'LEADER')
    && Boolean(item.organisation) && item.organisation === person.organisation;
  if (!steward || !item.visibility || item.visibility === 'PRIVATE') {
    return [];
  }
  return AUDIENCES.slice(AUDIENCES.indexOf(item.visibility) + 1).filter(audience => audience !== 'TEAM');
}

/** The form by which a steward shares an entry read back more widely, described by its words ({@code said}, an id). */
function stewardsWidenForm(item, wider, said) {
  const prefix = 'share-' + item.id;
  const audience = document.createElement('select');
  audience.append(...wider.map(visibility => new Option(t(AUDIENCE_TEXTS[visibility]), visibility)));
  const form = oneFieldForm('widen', prefix, 'visibility', t('form.visibility'), audience, t('capture.mine.widen'),
    said);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const visibility = form.elements.visibility.value;
    const widened = await amplify(item.id, visibility, {form, prefix, status: 'reading-status'});
    if (widened) {
      item.visibility = visibility;
      const left = widerForSteward(item);
      if (left.length) {
        form.replaceWith(stewardsWidenForm(item, left, said));
      } else {
        form.remove();
      }
      say('reading-status', t(WIDENED_TEXTS[visibility], {summary: item.summary}));
    }
  });
  return form;
}
