'use strict';
// Action learning in the page: my sets and my actions, forming a set and changing its members, and a session walked
// through in order: updates on the last presenter's actions, the problem, open questions (checked as they are typed),
// the presenter's insights and actions, everyone's evaluation, close. Only the set's people ever read any of it.

const UPDATE_TEXTS = {DONE: 'update.done', PARTLY: 'update.partly', NOT_DONE: 'update.notdone'};
/** How an action went, as the list of "My actions" says it within a line. */
const ACTION_STATUSES = {DONE: 'sets.actions.status.done', PARTLY: 'sets.actions.status.partly',
  NOT_DONE: 'sets.actions.status.notdone'};

/** A set is formed with three to eight members, and meets only while it has three. */
const FEWEST_MEMBERS = 3;
const MOST_MEMBERS = 8;

/** The forms of a session: what is typed in them is for the session shown, never another. */
const SESSION_FORMS = ['update-form', 'present-form', 'question-form', 'insight-form', 'action-form', 'evaluate-form',
  'close-form'];

let shownSet;
let shownSession;
/** Counts the reads of a set or a session, so that only the latest one is shown. */
let setReads = 0;
let questionCheck;

VIEWS.sets = {element: 'sets-view', title: 'page.title.sets', show: showSets};
VIEWS.set = {element: 'set-view', title: 'page.title.set', show: showSet};
VIEWS.session = {element: 'session-view', title: 'page.title.session', show: showSession};

document.addEventListener('DOMContentLoaded', () => {
  $('form-set-form').addEventListener('submit', formSet);
  $('add-member-form').addEventListener('submit', event => changeSet(event, '/members',
    form => ({memberId: form.elements.memberId.value.trim()}), 'set-status'));
  $('open-session-form').addEventListener('submit', event => changeSet(event, '/sessions', () => ({}), 'set-status'));
  // Its facilitator changes, and the one before stays on as a member: shown once both are read, not half of it.
  $('hand-over-form').addEventListener('submit', event => changeSet(event, '/facilitator',
    form => ({facilitator: form.elements.facilitator.value.trim()}), 'set-status', 'POST',
    (before, body) => after => after.facilitator === body.facilitator && after.members.includes(before.facilitator)));
  $('end-set-form').addEventListener('submit', event => {
    if (!confirm(t('set.end.confirm'))) {
      event.preventDefault();
      return;
    }
    changeSet(event, '/end', () => ({}), 'set-status');
  });
  $('leave-set-form').addEventListener('submit', event => changeSet(event,
    '/members/' + encodeURIComponent(session().person.sub), () => ({}), 'set-status', 'DELETE'));
  const inSession = {
    'update-form': ['updates', form => ({actionId: form.elements.actionId.value, status: form.elements.status.value,
      note: form.elements.note.value || null})],
    'present-form': ['presentation', form => ({presenter: form.elements.presenter.value,
      problem: form.elements.problem.value})],
    'question-form': ['questions', form => ({text: form.elements.text.value})],
    'insight-form': ['insights', form => ({text: form.elements.text.value})],
    'action-form': ['actions', form => ({text: form.elements.text.value, dueBy: form.elements.dueBy.value || null})],
    'evaluate-form': ['evaluations', form => ({score: Number(form.elements.score.value),
      comment: form.elements.comment.value || null})],
    'close-form': ['close', () => ({})]
  };
  for (const [id, [path, bodyOf]] of Object.entries(inSession)) {
    $(id).addEventListener('submit', event => changeSession(event, path, bodyOf));
  }
  $('question-text').addEventListener('input', () => {
    clearTimeout(questionCheck);
    questionCheck = setTimeout(checkQuestion, 400);
  });
});

async function showSets() {
  $('sets-title').focus();
  const [sets, actions] = await Promise.all([readApi('/api/sets/mine'), readApi('/api/sets/mine/actions')]);
  await answeredList($('my-sets'), sets, set => ['#set/' + encodeURIComponent(set.setId),
    t(set.endedAt ? 'sets.mine.item.ended'
      : set.sessions === 1 ? (set.openSession ? 'sets.mine.item.one.open' : 'sets.mine.item.one')
        : (set.openSession ? 'sets.mine.item.other.open' : 'sets.mine.item.other'),
    {name: set.name, count: set.sessions, open: set.openSession, day: endedOn(set)})],
  t('sets.mine.empty'));
  await answeredList($('my-actions'), actions, action => ['#session/'
    + encodeURIComponent(action.setId) + '/' + action.sessionNumber,
  t(action.overdue ? 'sets.actions.item.overdue' : 'sets.actions.item', {text: action.text,
    dueBy: dayText(action.dueBy), status: action.status ? t(ACTION_STATUSES[action.status])
      : t(action.setEnded ? 'sets.actions.status.ended' : 'sets.actions.status.none'), set: action.setName,
    session: action.sessionNumber})], t('sets.actions.empty'));
}

/** The day a set ended, as the page writes days; empty while it meets. */
function endedOn(set) {
  return set.endedAt ? dayText(set.endedAt.slice(0, 10)) : '';
}

async function formSet(event) {
  event.preventDefault();
  const form = event.target;
  const answer = await sendCommand('/api/sets', {name: form.elements.name.value, facilitator: session().person.sub,
    members: listOf(form.elements.members.value)}, {form, prefix: 'set', status: 'form-set-status'});
  if (answer) {
    form.reset();
    VIEWS.set.formedHere = answer.id;
    location.hash = '#set/' + encodeURIComponent(answer.id);
  }
}

/**
 * Reads a set; after a change made here ({@code before}: the set as it was shown), waits a moment for the change to
 * reach what it reads.
 */
function readSetSettled(setId, before, whole) {
  return settle(async () => {
    const answer = await readApi('/api/sets/' + encodeURIComponent(setId));
    return {answer, set: answer.ok ? await answer.json() : null};
  }, ({answer, set}) => before === undefined || answer.status !== 404 && !(set && JSON.stringify(set) === before)
    && !(whole && (!set || !whole(set))));
}

function unreadable(answer) {
  return answer.status === 403 ? t('set.forbidden')
    : answer.status === 404 ? t('set.missing') : t('set.unreadable');
}

/**
 * Shows the set, read again after a change when {@code before} is given (until {@code whole}, when given, holds of it);
 * answers it, or null when it is unreadable.
 */
async function showSet(setId, before, whole) {
  const navigated = before === undefined;
  if (navigated) {
    // Read again after a change, the set shown stays the one its forms act on: a form sent meanwhile still has it.
    shownSet = null;
    $('set-found').hidden = true;
  }
  const reading = ++setReads;
  const {answer, set} = await readSetSettled(setId, before ?? (VIEWS.set.formedHere === setId ? null : undefined),
    whole);
  VIEWS.set.formedHere = null;
  if (reading !== setReads) {
    return;
  }
  $('set-found').hidden = !set;
  $('set-missing').hidden = !!set;
  if (!set) {
    $('set-title').textContent = t('set.heading');
    $('set-missing').textContent = unreadable(answer);
    $('set-title').focus();
    return null;
  }
  shownSet = set;
  const me = session().person.sub;
  const facilitating = set.facilitator === me;
  const ended = !!set.endedAt;
  $('set-title').textContent = set.name;
  $('set-people').textContent = t('set.people', {facilitator: set.facilitator, count: set.members.length});
  linkList($('set-sessions'), set.sessions, one => ['#session/' + encodeURIComponent(set.setId) + '/' + one.number,
    t(one.withheld ? 'set.session.withheld' : one.presenter
      ? (one.closed ? 'set.session.presents.closed' : 'set.session.presents.open')
      : (one.closed ? 'set.session.closed' : 'set.session.open'), {number: one.number, presenter: one.presenter})],
  t('set.sessions.empty'));
  $('set-members-list').replaceChildren(...set.members.map(member => {
    const li = document.createElement('li');
    li.append(member + ' ');
    // Once the set has ended, each keeps reading what they were there for: only they may leave it.
    if (member === me || facilitating && !ended) {
      const form = document.createElement('form');
      form.className = 'inline';
      const button = document.createElement('button');
      button.type = 'submit';
      button.className = 'secondary';
      button.textContent = member === me ? t('set.members.leave') : t('set.members.remove', {member});
      form.append(button);
      form.addEventListener('submit', event => changeSet(event, '/members/' + encodeURIComponent(member), () => ({}),
        'set-status', 'DELETE'));
      li.append(form);
    }
    return li;
  }));
  // What the set's rules would refuse is not offered: a ninth member, a session with fewer than three members, and
  // anything but leaving once the set has ended.
  $('set-ended').hidden = !ended;
  $('set-ended').textContent = ended ? t('set.ended', {day: endedOn(set)}) : '';
  $('add-member-form').hidden = ended || !facilitating || set.members.length >= MOST_MEMBERS;
  // A facilitator who cannot go on hands over; when they cannot, a member takes it up or gives it to another.
  $('hand-over-form').hidden = ended;
  const nextSession = !ended && facilitating && !set.sessions.some(one => !one.closed);
  const tooFew = set.members.length < FEWEST_MEMBERS;
  $('open-session-form').hidden = !nextSession || tooFew;
  $('open-session-hint').hidden = !nextSession || !tooFew;
  $('end-set-form').hidden = !nextSession;
  // Its facilitator hands over while the set meets; once it has ended, they may leave it as its members may.
  $('leave-set-form').hidden = !ended || !facilitating;
  if (navigated) {
    $('set-title').focus();
  }
  return set;
}

/**
 * Sends a change of the set shown, then shows it again once it is read changed; {@code expect}, given the set before
 * and what was sent, says what the change looks like when it is read whole.
 */
async function changeSet(event, path, bodyOf, status, method, expect) {
  event.preventDefault();
  const set = shownSet;
  if (!set) {
    return;
  }
  const form = event.target;
  const body = bodyOf(form);
  const answer = await sendCommand('/api/sets/' + encodeURIComponent(set.setId) + path, body,
    {form, prefix: 'member', status, method});
  if (answer) {
    form.reset();
    if (await showSet(set.setId, JSON.stringify(set), expect && expect(set, body)) === null) {
      // Leaving it, or handing it over, takes the reader out of the set: said so, not that they may not read it.
      $('set-title').textContent = set.name;
      $('set-missing').textContent = t('set.left');
      return;
    }
    $(status).textContent = t('form.saved');
    keepFocus(form, status);
  }
}

async function showSession(setId, number, before) {
  const navigated = before === undefined;
  if (navigated) {
    shownSession = null;
    $('session-found').hidden = true;
    // What was typed for another session is never sent for this one.
    for (const id of SESSION_FORMS) {
      $(id).reset();
      clearErrors($(id));
    }
    clearTimeout(questionCheck);
    $('question-check').textContent = '';
  }
  $('session-back').href = '#set/' + encodeURIComponent(setId);
  const reading = ++setReads;
  const {answer, set} = await readSetSettled(setId, before);
  if (reading !== setReads) {
    return;
  }
  // A session held while the reader was not in the set is listed, and nothing said in it shown.
  const found = set && set.sessions[Number(number) - 1];
  const one = found && !found.withheld ? found : null;
  $('session-found').hidden = !one;
  $('session-missing').hidden = !!one;
  if (!one) {
    $('session-title').textContent = t('session.heading');
    $('session-missing').textContent = found ? t('session.withheld', {number}) : set ? t('session.missing', {number})
      : unreadable(answer);
    $('session-title').focus();
    return;
  }
  renderSession(set, one, navigated);
}

/** Shows session {@code one} of {@code set}: what was said in it, and the forms the reader may use now. */
function renderSession(set, one, navigated) {
  shownSession = {set, number: one.number};
  const focused = document.activeElement;
  // A list a form chooses from is built again: what the person had chosen in it stays chosen.
  const chosen = ['update-actionId', 'present-presenter'].map(id => [id, $(id).value]);
  const me = session().person.sub;
  const facilitating = set.facilitator === me;
  const open = !one.closed && one.number === set.sessions.length;
  // As the set's rules have it: actions of any earlier session still waiting for their update are carried
  // forward, and updates come from who committed them; one since updated as partly done or not done goes on, and who
  // committed it may update it again at any session until it is done.
  const earlier = set.sessions.slice(0, one.number - 1);
  const updatedEarlier = new Set(earlier.flatMap(before => before.updates.map(update => update.actionId)));
  const lastStatus = new Map(earlier.flatMap(before => before.updates)
    .map(update => [update.actionId, update.status]));
  // Whether an action is done by now is the service's to say: it may be, from a session this reader did not read.
  const notDone = new Set(set.actionsGoingOn);
  $('session-title').textContent = t('session.title', {set: set.name, number: one.number});
  $('session-state').textContent = open ? t('session.state.open') : t('session.state.closed');

  const updated = new Map(one.updates.map(update => [update.actionId, update]));
  // One updated in a session this reader did not read (they were away from the set) and done by now waits no more.
  const previousActions = earlier.flatMap(before => before.actions)
    .filter(action => !updatedEarlier.has(action.actionId)
      && (notDone.has(action.actionId) || updated.has(action.actionId)));
  const goingOn = earlier.flatMap(before => before.actions)
    .filter(action => updatedEarlier.has(action.actionId) && lastStatus.get(action.actionId) !== 'DONE');
  // Found walking through a set over months: someone who joined later was not shown the updates given in a session
  // they were in, on actions committed before they joined (what those actions said stays with who was there).
  const known = new Set(previousActions.concat(goingOn).map(action => action.actionId));
  const unseen = one.updates.filter(update => !known.has(update.actionId));
  const listed = previousActions.concat(goingOn.filter(action => updated.has(action.actionId)));
  items($('session-updates'), listed.map(action => {
    const update = updated.get(action.actionId);
    const said = {text: action.text, dueBy: dayText(action.dueBy)};
    return !update ? t('session.updates.item.waiting', said)
      : t(update.text ? 'session.updates.item.note' : 'session.updates.item',
        {...said, status: t(UPDATE_TEXTS[update.status]), note: update.text});
  }).concat(unseen.map(update => t(update.text ? 'session.updates.item.unseen.note' : 'session.updates.item.unseen',
    {status: t(UPDATE_TEXTS[update.status]), note: update.text}))), t('session.updates.empty'));
  // Each action is updated by who committed it (or whoever facilitates): not by a later presenter.
  const awaiting = previousActions.filter(action => !updated.has(action.actionId)
    && (facilitating || action.by === me))
    .concat(goingOn.filter(action => !updated.has(action.actionId) && notDone.has(action.actionId)
      && (facilitating || action.by === me)));
  // Updates open the session: once its problem is presented, an action still going on waits for the next one.
  $('update-form').hidden = !open || !!one.presenter || !awaiting.length;
  $('update-actionId').replaceChildren(...awaiting.map(action => new Option(action.text, action.actionId)));

  // Whether updates still wait is the service's count: earlier sessions may be ones this reader cannot read.
  const updatesFirst = one.updatesWaiting > 0;
  // Questions are for the presenter to take away: once they left the set, none are asked.
  const presenterLeft = open && Boolean(one.presenter) && !set.members.includes(one.presenter)
    && one.presenter !== set.facilitator;
  $('session-problem').textContent = one.presenter
    ? t(presenterLeft ? 'session.problem.left' : 'session.problem', {presenter: one.presenter, problem: one.problem})
    : updatesFirst ? t('session.problem.updatesfirst') : t('session.problem.none');
  const presenters = facilitating ? set.members : set.members.filter(member => member === me);
  $('present-form').hidden = !open || !!one.presenter || updatesFirst || !presenters.length;
  $('present-presenter').replaceChildren(...presenters.map(member => new Option(member, member)));

  items($('session-questions'), one.questions.map(question => question.text + ' (' + question.by + ')'),
    t('session.questions.empty'));
  // The session ends with its evaluation: whoever has evaluated it has said their last in it; nobody else has.
  const evaluating = one.evaluations.some(evaluation => evaluation.by === me);
  $('question-form').hidden = !open || !one.presenter || one.presenter === me || evaluating || presenterLeft;
  items($('session-insights'), one.insights.map(insight => t('session.insight', {text: insight.text})),
    t('session.insights.empty'));
  items($('session-actions'), one.actions.map(action => t('session.action', {text: action.text,
    dueBy: dayText(action.dueBy)})), t('session.actions.empty'));
  $('insight-form').hidden = !open || one.presenter !== me || evaluating;
  $('action-form').hidden = !open || one.presenter !== me || evaluating;
  items($('session-evaluations'), one.evaluations.map(evaluation => t(evaluation.text ? 'session.evaluation.comment'
    : 'session.evaluation', {score: evaluation.score, comment: evaluation.text, by: evaluation.by})),
  t('session.evaluations.empty'));
  $('evaluate-form').hidden = !open || !one.presenter || one.evaluations.some(evaluation => evaluation.by === me);
  $('close-form').hidden = !open || !facilitating;
  chosen.forEach(([id, value]) => {
    if (Array.from($(id).options).some(option => option.value === value)) {
      $(id).value = value;
    } else if (value && !navigated && !$(id).closest('form').hidden) {
      // Updated (or presented) from another device meanwhile: nothing is chosen for the person without a word.
      $(id).value = '';
      $('session-status').textContent = t('session.choice.gone');
    }
  });
  // What was being written in it when the page went (an expired sign-in, the language switch) comes back here.
  giveShownDraftsBack();
  if (navigated || focused !== document.body && !focused.getClientRects().length) {
    // Shown afresh, or what had focus went with the turn the session took (a form no longer the reader's to use).
    $('session-title').focus();
  }
  clearTimeout(sessionFollowing);
  if (open) {
    sessionFollowing = setTimeout(followSession, SESSION_FOLLOWED_EVERY);
  }
}

/**
 * While a session is open on the screen, what the others send from their own devices (a presentation, a question, an
 * evaluation) shows within seconds: it is read again every few seconds while the page is seen, and shown when it
 * changed, as the facilitator and the presenter, each on their own device, take it in turn.
 */
const SESSION_FOLLOWED_EVERY = 4000;
let sessionFollowing;

async function followSession() {
  const followed = shownSession;
  if (!followed || $('session-view').hidden) {
    return;
  }
  if (document.visibilityState !== 'visible' || !navigator.onLine) {
    sessionFollowing = setTimeout(followSession, SESSION_FOLLOWED_EVERY);
    return;
  }
  const reading = setReads;
  const answer = await readApi('/api/sets/' + encodeURIComponent(followed.set.setId)).catch(() => null);
  const set = answer && answer.ok ? await answer.json().catch(() => null) : null;
  if (shownSession !== followed || reading !== setReads || $('session-view').hidden) {
    return; // another read, or another view, took over meanwhile
  }
  const one = set && set.sessions[followed.number - 1];
  if (answer && [403, 404].includes(answer.status) || one && one.withheld) {
    // No longer theirs to read (removed from the set): what was said in it goes from the screen.
    showSession(followed.set.setId, followed.number);
  } else if (one && JSON.stringify(set) !== JSON.stringify(followed.set)) {
    renderSession(set, one, false);
  } else {
    sessionFollowing = setTimeout(followSession, SESSION_FOLLOWED_EVERY);
  }
}

function items(list, lines, none) {
  list.replaceChildren(...(lines.length ? lines : [none]).map(text => {
    const li = document.createElement('li');
    li.textContent = text;
    return li;
  }));
}

async function changeSession(event, path, bodyOf) {
  event.preventDefault();
  if (!shownSession) {
    return;
  }
  const {set, number} = shownSession;
  const form = event.target;
  const answer = await sendCommand('/api/sets/' + encodeURIComponent(set.setId) + '/sessions/' + number + '/' + path,
    bodyOf(form), {form, prefix: form.id.replace(/-form$/, ''), status: 'session-status'});
  if (answer) {
    form.reset();
    $('question-check').textContent = '';
    await showSession(set.setId, number, JSON.stringify(set));
    $('session-status').textContent = t('form.saved');
    keepFocus(form, 'session-status');
  }
}

/** Says, before it is sent, whether the question is an open one, as the session will judge it. */
async function checkQuestion() {
  const text = $('question-text').value;
  const check = $('question-check');
  if (!text.trim()) {
    check.textContent = '';
    return;
  }
  const answer = await fetchAsPerson(config.commandServiceUrl + '/api/sets/question-check', {
    method: 'POST', headers: {'Content-Type': 'application/json'},
    body: JSON.stringify({text})
  }).catch(() => null);
  if (!answer || $('question-text').value !== text) {
    return;
  }
  const said = await answer.json().catch(() => ({}));
  const advice = answer.ok && !said.open;
  check.className = 'check ' + (advice ? 'advice' : 'open');
  check.textContent = !answer.ok ? (said.detail || '') : said.open ? t('session.question.open')
    : t('session.question.advice', {problem: said.problem});
}
