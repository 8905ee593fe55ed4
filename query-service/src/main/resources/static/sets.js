'use strict';
// Action learning in the page: my sets and my actions, forming a set and changing its members, and a session walked
// through in order: updates on the last presenter's actions, the problem, open questions (checked as they are typed),
// the presenter's insights and actions, everyone's evaluation, close. Only the set's people ever read any of it.

const UPDATE_TEXTS = {DONE: 'Done', PARTLY: 'Partly done', NOT_DONE: 'Not done'};

let shownSet;
let shownSession;
/** Counts the reads of a set or a session, so that only the latest one is shown. */
let setReads = 0;
let questionCheck;

VIEWS.sets = {element: 'sets-view', title: 'Action learning', show: showSets};
VIEWS.set = {element: 'set-view', title: 'An action learning set', show: showSet};
VIEWS.session = {element: 'session-view', title: 'An action learning session', show: showSession};

document.addEventListener('DOMContentLoaded', () => {
  $('form-set-form').addEventListener('submit', formSet);
  $('add-member-form').addEventListener('submit', event => changeSet(event, '/members',
    form => ({memberId: form.elements.memberId.value.trim()}), 'set-status'));
  $('open-session-form').addEventListener('submit', event => changeSet(event, '/sessions', () => ({}), 'set-status'));
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
  linkList($('my-sets'), sets.ok ? await sets.json() : [], set => ['#set/' + encodeURIComponent(set.setId),
    set.name + ' (' + set.sessions + ' session' + (set.sessions === 1 ? '' : 's')
      + (set.openSession ? '; session ' + set.openSession + ' is open' : '') + ')'],
  'You are not in a set yet.');
  linkList($('my-actions'), actions.ok ? await actions.json() : [], action => ['#session/'
    + encodeURIComponent(action.setId) + '/' + action.sessionNumber,
  (action.overdue ? 'Overdue: ' : '') + action.text + ' (due by ' + action.dueBy + '; '
    + (action.status ? UPDATE_TEXTS[action.status].toLowerCase() : 'no update yet') + '; ' + action.setName
    + ', session ' + action.sessionNumber + ')'], 'You have no actions.');
}

async function formSet(event) {
  event.preventDefault();
  const form = event.target;
  const answer = await sendCommand('/api/sets', {name: form.elements.name.value, facilitator: session().person.sub,
    members: themesOf(form.elements.members.value)}, {form, prefix: 'set', status: 'form-set-status'});
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
function readSetSettled(setId, before) {
  return settle(async () => {
    const answer = await readApi('/api/sets/' + encodeURIComponent(setId));
    return {answer, set: answer.ok ? await answer.json() : null};
  }, ({answer, set}) => before === undefined || answer.status !== 404 && !(set && JSON.stringify(set) === before));
}

function unreadable(answer) {
  return answer.status === 403 ? 'Only the members and the facilitator of this set may read it.'
    : answer.status === 404 ? 'There is no set with this address.' : 'The set could not be read; try again.';
}

async function showSet(setId, before) {
  const navigated = before === undefined;
  shownSet = null;
  if (navigated) {
    $('set-found').hidden = true;
  }
  const reading = ++setReads;
  const {answer, set} = await readSetSettled(setId, before ?? (VIEWS.set.formedHere === setId ? null : undefined));
  VIEWS.set.formedHere = null;
  if (reading !== setReads) {
    return;
  }
  $('set-found').hidden = !set;
  $('set-missing').hidden = !!set;
  if (!set) {
    $('set-title').textContent = 'Action learning set';
    $('set-missing').textContent = unreadable(answer);
    $('set-title').focus();
    return;
  }
  shownSet = set;
  const me = session().person.sub;
  const facilitating = set.facilitator === me;
  $('set-title').textContent = set.name;
  $('set-people').textContent = 'Facilitated by ' + set.facilitator + '. ' + set.members.length + ' members.';
  linkList($('set-sessions'), set.sessions, one => ['#session/' + encodeURIComponent(set.setId) + '/' + one.number,
    'Session ' + one.number + (one.presenter ? ': ' + one.presenter + ' presents' : '')
      + (one.closed ? ' (closed)' : ' (open)')], 'No session yet.');
  $('set-members-list').replaceChildren(...set.members.map(member => {
    const li = document.createElement('li');
    li.append(member + ' ');
    if (facilitating || member === me) {
      const form = document.createElement('form');
      form.className = 'inline';
      const button = document.createElement('button');
      button.type = 'submit';
      button.className = 'secondary';
      button.textContent = member === me ? 'Leave the set' : 'Remove ' + member;
      form.append(button);
      form.addEventListener('submit', event => changeSet(event, '/members/' + encodeURIComponent(member), () => ({}),
        'set-status', 'DELETE'));
      li.append(form);
    }
    return li;
  }));
  $('add-member-form').hidden = !facilitating;
  $('open-session-form').hidden = !facilitating || set.sessions.some(one => !one.closed);
  if (navigated) {
    $('set-title').focus();
  }
}

async function changeSet(event, path, bodyOf, status, method) {
  event.preventDefault();
  const set = shownSet;
  const form = event.target;
  const answer = await sendCommand('/api/sets/' + encodeURIComponent(set.setId) + path, bodyOf(form),
    {form, prefix: 'member', status, method});
  if (answer) {
    form.reset();
    await showSet(set.setId, JSON.stringify(set));
    $(status).textContent = 'Saved.';
  }
}

async function showSession(setId, number, before) {
  const navigated = before === undefined;
  shownSession = null;
  if (navigated) {
    $('session-found').hidden = true;
  }
  $('session-back').href = '#set/' + encodeURIComponent(setId);
  const reading = ++setReads;
  const {answer, set} = await readSetSettled(setId, before);
  if (reading !== setReads) {
    return;
  }
  const one = set && set.sessions[Number(number) - 1];
  $('session-found').hidden = !one;
  $('session-missing').hidden = !!one;
  if (!one) {
    $('session-title').textContent = 'Session';
    $('session-missing').textContent = set ? 'This set has no session ' + number + '.' : unreadable(answer);
    $('session-title').focus();
    return;
  }
  shownSession = {set, number: one.number};
  const me = session().person.sub;
  const facilitating = set.facilitator === me;
  const open = !one.closed && one.number === set.sessions.length;
  // As the set's rules have it: actions of any earlier session still waiting for their update are carried
  // forward, and updates come from the last person who presented.
  const earlier = set.sessions.slice(0, one.number - 1);
  const updatedEarlier = new Set(earlier.flatMap(before => before.updates.map(update => update.actionId)));
  const lastPresenter = earlier.map(before => before.presenter).filter(Boolean).pop();
  $('session-title').textContent = set.name + ': session ' + one.number;
  $('session-state').textContent = open ? 'This session is open.' : 'This session is closed.';

  const updated = new Map(one.updates.map(update => [update.actionId, update]));
  const previousActions = earlier.flatMap(before => before.actions)
    .filter(action => !updatedEarlier.has(action.actionId));
  items($('session-updates'), previousActions.map(action => {
    const update = updated.get(action.actionId);
    return action.text + ' (due by ' + action.dueBy + '): ' + (update ? UPDATE_TEXTS[update.status]
      + (update.text ? '. ' + update.text : '') : 'waiting for an update');
  }), 'No actions waiting from sessions before.');
  const awaiting = previousActions.filter(action => !updated.has(action.actionId));
  $('update-form').hidden = !open || !awaiting.length || !(facilitating || lastPresenter === me);
  $('update-actionId').replaceChildren(...awaiting.map(action => new Option(action.text, action.actionId)));

  $('session-problem').textContent = one.presenter ? one.presenter + ' presents: ' + one.problem
    : awaiting.length ? 'The updates come first, then the problem.' : 'No problem presented yet.';
  const presenters = facilitating ? set.members : set.members.filter(member => member === me);
  $('present-form').hidden = !open || !!one.presenter || awaiting.length > 0 || !presenters.length;
  $('present-presenter').replaceChildren(...presenters.map(member => new Option(member, member)));

  items($('session-questions'), one.questions.map(question => question.text + ' (' + question.by + ')'),
    'No questions yet.');
  $('question-form').hidden = !open || !one.presenter || one.presenter === me;
  items($('session-insights'), one.insights.map(insight => 'Insight: ' + insight.text), 'No insights yet.');
  items($('session-actions'), one.actions.map(action => 'Action: ' + action.text + ' (due by ' + action.dueBy + ')'),
    'No actions yet.');
  $('insight-form').hidden = !open || one.presenter !== me;
  $('action-form').hidden = !open || one.presenter !== me;
  items($('session-evaluations'), one.evaluations.map(evaluation => evaluation.score + ' of 5'
    + (evaluation.text ? ': ' + evaluation.text : '') + ' (' + evaluation.by + ')'), 'No evaluations yet.');
  $('evaluate-form').hidden = !open || one.evaluations.some(evaluation => evaluation.by === me);
  $('close-form').hidden = !open || !facilitating;
  if (navigated) {
    $('session-title').focus();
  }
}

function items(list, texts, none) {
  list.replaceChildren(...(texts.length ? texts : [none]).map(text => {
    const li = document.createElement('li');
    li.textContent = text;
    return li;
  }));
}

async function changeSession(event, path, bodyOf) {
  event.preventDefault();
  const {set, number} = shownSession;
  const form = event.target;
  const answer = await sendCommand('/api/sets/' + encodeURIComponent(set.setId) + '/sessions/' + number + '/' + path,
    bodyOf(form), {form, prefix: form.id.replace(/-form$/, ''), status: 'session-status'});
  if (answer) {
    form.reset();
    $('question-check').textContent = '';
    await showSession(set.setId, number, JSON.stringify(set));
    $('session-status').textContent = 'Saved.';
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
  const answer = await fetch(config.commandServiceUrl + '/api/sets/question-check', {
    method: 'POST', headers: {'Content-Type': 'application/json', Authorization: 'Bearer ' + session().token},
    body: JSON.stringify({text})
  }).catch(() => null);
  if (!answer || $('question-text').value !== text) {
    return;
  }
  const said = await answer.json().catch(() => ({}));
  const advice = answer.ok && !said.open;
  check.className = 'check ' + (advice ? 'advice' : 'open');
  check.textContent = !answer.ok ? (said.detail || '') : said.open ? 'An open question: ready to ask.'
    : 'Not yet: it ' + said.problem + '.';
}
