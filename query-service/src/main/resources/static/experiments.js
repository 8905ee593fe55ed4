'use strict';
// Experiments in the page: propose one, start it, adapt it with a reason, conclude it with how its planned ending
// went; "My experiments" and "Due to end"; one experiment's page with its timeline and the learning recorded in it.

const STEPS = {ExperimentProposed: 'experiment.step.proposed', ExperimentStarted: 'experiment.step.started',
  ExperimentAdapted: 'experiment.step.adapted', ExperimentConcluded: 'experiment.step.concluded',
  ExperimentEndingRecorded: 'experiment.step.ending', ExperimentAmplified: 'experiment.step.shared'};
const STATUSES = {PROPOSED: 'experiment.status.proposed', RUNNING: 'experiment.status.running',
  CONCLUDED: 'experiment.status.concluded'};
/** An experiment's status as the list of "My experiments" says it, after its title. */
const LISTED_STATUSES = {PROPOSED: 'experiments.mine.status.proposed', RUNNING: 'experiments.mine.status.running',
  CONCLUDED: 'experiments.mine.status.concluded'};
const VISIBILITIES = {PRIVATE: 'experiment.visibility.private', TEAM: 'experiment.visibility.team',
  ORGANISATION: 'experiment.visibility.organisation', SYSTEM: 'experiment.visibility.system'};
const OUTCOME_TEXTS = {AMPLIFY: 'outcome.text.amplify', ADAPT: 'outcome.text.adapt', STOP: 'outcome.text.stop'};
const ENDING_TEXTS = {AS_PLANNED: 'ending.asplanned', CHANGED: 'ending.changed', NOT_YET: 'ending.notyet'};
/** What a step of an experiment's timeline said, each field under its name. */
const STEP_FIELDS = {change: 'experiment.timeline.change', reason: 'experiment.timeline.reason',
  endsBy: 'experiment.timeline.endsby', summary: 'experiment.timeline.summary', ending: 'experiment.timeline.ending',
  endingNote: 'experiment.timeline.endingnote', visibility: 'experiment.timeline.visibility'};

let shownExperiment;
/** Counts the reads of an experiment, so that only the latest one is shown. */
let experimentReads = 0;
/** The experiment just proposed here: the read side may not have it yet. */
let proposedHere;
/** The forms of an experiment's steps, each acting on the experiment shown. */
const STEP_FORMS = ['start-form', 'adapt-form', 'conclude-form', 'ending-form', 'share-form'];

VIEWS.experiments = {element: 'experiments-view', title: 'page.title.experiments', show: showExperiments};
VIEWS.experiment = {element: 'experiment-view', title: 'page.title.experiment', show: showExperiment};

document.addEventListener('DOMContentLoaded', () => {
  $('propose-form').addEventListener('submit', propose);
  $('start-form').addEventListener('submit', event => step(event, 'start', () => ({}), 'RUNNING'));
  $('adapt-form').addEventListener('submit', event => step(event, 'adaptations',
    // A day only when one is given: a command-service of the release before takes no endsBy at all.
    form => ({change: form.elements.change.value, reason: form.elements.reason.value,
      ...(form.elements.endsBy.value ? {endsBy: form.elements.endsBy.value} : {})})));
  $('conclude-form').addEventListener('submit', event => step(event, 'conclusion',
    form => ({outcome: form.elements.outcome.value, summary: form.elements.summary.value,
      ending: form.elements.ending.value || null, endingNote: form.elements.endingNote.value || null}),
    'CONCLUDED'));
  $('ending-form').addEventListener('submit', event => step(event, 'ending',
    form => ({ending: form.elements.ending.value || null, endingNote: form.elements.endingNote.value || null})));
  $('share-form').addEventListener('submit', event => {
    const audience = event.target.elements.visibility.value;
    // Shared wider for good: said before it is sent, as sharing learning is.
    if (!confirm(t('experiment.share.confirm', {audience: t(VISIBILITIES[audience])}))) {
      event.preventDefault();
      return;
    }
    step(event, 'amplification', form => ({visibility: form.elements.visibility.value}));
  });
  $('experiment-learn').addEventListener('click', learnWithin);
});

async function showExperiments() {
  $('experiments-title').focus();
  // A read that fails (no connection) says so in its list's place, as a refused one does.
  const failed = () => new Response('{}', {status: 503});
  const [mine, team, due] = await Promise.all(['/api/experiments/mine', '/api/experiments/team',
    '/api/experiments/overdue'].map(path => readApi(path).catch(failed)));
  await answeredList($('my-experiments'), mine, experiment => [addressOf(experiment),
    experiment.title + ' (' + t(LISTED_STATUSES[experiment.status]) + ')'],
  t('experiments.mine.empty'));
  await answeredList($('team-experiments'), team, experiment => [addressOf(experiment),
    t('experiments.team.item', {title: experiment.title, proposer: experiment.proposer,
      status: t(EXPERIMENT_STATUSES[experiment.status])})], t('experiments.team.empty'));
  await answeredList($('due-experiments'), due, experiment => [addressOf(experiment),
    t('experiments.due.item', {title: experiment.title, endsBy: dayText(experiment.endsBy)})],
  t('experiments.due.empty'));
}

/** Clears what the page said of {@code form}'s fields last time it was sent. */
function clearErrors(form) {
  Array.from(form.elements).filter(element => element.name && element.id).forEach(element => showError(element.id,
    null));
}

function addressOf(experiment) {
  return '#experiment/' + encodeURIComponent(experiment.experimentId);
}

async function propose(event) {
  event.preventDefault();
  const form = event.target;
  const answer = await sendCommand('/api/experiments', {
    title: form.elements.title.value,
    hypothesis: form.elements.hypothesis.value,
    themes: themesOf(form.elements.themes.value),
    plannedEnding: form.elements.plannedEnding.value,
    endsBy: form.elements.endsBy.value || null,
    storyId: form.elements.storyId.value || null,
    visibility: form.elements.visibility.value
  }, {form, prefix: 'propose', status: 'propose-status'});
  if (answer) {
    form.reset();
    myExperiments();
    proposedHere = answer.id;
    location.hash = '#experiment/' + encodeURIComponent(answer.id);
  }
}

/**
 * Reads an experiment; when {@code settled} is given, waits a moment (as long as it is unknown or not settled yet)
 * for what was just recorded to reach the read side.
 */
function readExperiment(experimentId, settled) {
  return settle(async () => {
    const answer = await readApi('/api/experiments/' + encodeURIComponent(experimentId));
    return {answer, experiment: answer.ok ? await answer.json() : null};
  }, ({answer, experiment}) => !settled || answer.status !== 404 && (!experiment || settled(experiment)));
}

async function showExperiment(experimentId, settled, refused) {
  const navigated = !settled;
  const justProposed = !settled && proposedHere === experimentId;
  if (justProposed) {
    settled = () => true;
  }
  proposedHere = null;
  const reading = ++experimentReads;
  if (navigated) {
    // Read again after a step, the experiment shown stays the one its forms and button act on.
    shownExperiment = null;
    $('experiment-found').hidden = true;
    // What was typed for another experiment is never sent for this one.
    for (const id of STEP_FORMS) {
      $(id).reset();
      clearErrors($(id));
    }
  }
  // A refused step is not "saved": what refused it stays said.
  if (!refused) {
    $('experiment-status').textContent = settled ? t('experiment.saving') : '';
  }
  const {answer, experiment} = await readExperiment(experimentId, settled);
  if (reading !== experimentReads) {
    return; // A later read (another experiment, or this one again) shows instead.
  }
  if (!experiment) {
    $('experiment-found').hidden = true;
    $('experiment-missing').hidden = false;
    $('experiment-title').textContent = t('experiment.heading');
    $('experiment-missing').textContent = answer.status === 404
      ? t('experiment.missing') : t('experiment.unreadable');
    $('experiment-title').focus();
    return;
  }
  shownExperiment = experiment;
  if (justProposed) {
    myExperiments(); // readable now: the capture form offers it
  }
  $('experiment-missing').hidden = true;
  $('experiment-found').hidden = false;
  if (!refused) {
    $('experiment-status').textContent = '';
  }
  $('experiment-title').textContent = experiment.title;
  facts(experiment);
  // As the command service decides (which also refuses anyone else): its proposer, in whatever team they are now
  // (or none), its team, or its organisation's stewards; the read model says which the reader is.
  const steward = experiment.mayChange;
  $('start-form').hidden = !steward || experiment.status !== 'PROPOSED';
  $('adapt-form').hidden = !steward || experiment.status !== 'RUNNING';
  $('conclude-form').hidden = !steward || experiment.status !== 'RUNNING';
  // The planned ending had not happened when it was concluded (or its conclusion said nothing of it): say it now.
  $('ending-form').hidden = !steward || experiment.status !== 'CONCLUDED'
    || (experiment.ending && experiment.ending !== 'NOT_YET');
  // What worked (or did not) is shared more widely at any step, never narrower: a private one by its proposer, who
  // alone reads it; one proposed in no team has no team to share it with.
  const wider = AUDIENCES.slice(AUDIENCES.indexOf(experiment.visibility) + 1)
    .filter(audience => audience !== 'TEAM' || (experiment.team || '').trim());
  $('share-form').hidden = !steward || !wider.length;
  $('share-visibility').replaceChildren(...wider.map(visibility => new Option(t(VISIBILITIES[visibility]),
    visibility)));
  $('experiment-learn').hidden = false; // what was learnt from it goes on after it ends
  timeline(experiment.timeline);
  learning(experiment.learning);
  // What was being written in a step when the page went (an expired sign-in, the language switch) comes back here.
  giveShownDraftsBack();
  if (navigated) {
    $('experiment-title').focus();
  }
}

function facts(experiment) {
  const rows = [[t('experiment.facts.hypothesis'), experiment.hypothesis],
    [t('form.themes'), experiment.themes.join(', ') || t('experiment.facts.nothemes')],
    [t('experiment.facts.ending'), experiment.plannedEnding],
    [t('experiments.propose.endsby'), experiment.endsBy ? dayText(experiment.endsBy) : t('experiment.facts.notset')],
    [t('field.visibility'), t(VISIBILITIES[experiment.visibility])],
    [t('experiment.facts.status'), t(STATUSES[experiment.status])],
    // Someone whose sign-in names no team proposes too: only what is known is said.
    [t('experiment.facts.proposer'), experiment.proposedBy + ' ('
      + [experiment.team, experiment.organisation].filter(Boolean).join(', ') + ')']];
  if (experiment.outcome) {
    rows.push([t('experiment.facts.outcome'), t(OUTCOME_TEXTS[experiment.outcome])]);
  }
  if (experiment.ending) {
    rows.push([t('experiment.facts.ended'), t(ENDING_TEXTS[experiment.ending])]);
  }
  if (experiment.story) {
    rows.push([t('experiments.propose.story'), experiment.story.text]);
  }
  $('experiment-facts').replaceChildren(...rows.flatMap(([term, value]) => {
    const dt = document.createElement('dt');
    dt.textContent = term;
    const dd = document.createElement('dd');
    dd.textContent = value;
    return [dt, dd];
  }));
}

function timeline(steps) {
  $('experiment-timeline').replaceChildren(...steps.map(step => {
    const item = document.createElement('li');
    const name = document.createElement('span');
    name.className = 'kind';
    name.textContent = (STEPS[step.type] ? t(STEPS[step.type]) : step.type) + ' ';
    const when = document.createElement('time');
    when.dateTime = step.at;
    when.textContent = new Date(step.at).toLocaleString(locale());
    item.append(name, t('experiment.timeline.by', {name: step.by}) + ' ', when);
    for (const [field, label] of Object.entries(STEP_FIELDS)) {
      if (step.detail[field]) {
        const line = document.createElement('p');
        const said = field === 'ending' && ENDING_TEXTS[step.detail.ending] ? t(ENDING_TEXTS[step.detail.ending])
          : field === 'endsBy' ? dayText(step.detail[field])
          : field === 'visibility' && VISIBILITIES[step.detail.visibility] ? t(VISIBILITIES[step.detail.visibility])
          : step.detail[field];
        line.textContent = t(label) + ': ' + said;
        item.append(line);
      }
    }
    return item;
  }));
}

function learning(items) {
  $('experiment-learning').replaceChildren(...items.map(learningItem));
  if (!items.length) {
    const li = document.createElement('li');
    li.textContent = t('experiment.learning.empty');
    $('experiment-learning').replaceChildren(li);
  }
}

/** Starts, adapts, concludes or shares the shown experiment, then shows it again once the change has reached it. */
async function step(event, path, bodyOf, status) {
  event.preventDefault();
  const form = event.target;
  const experiment = shownExperiment;
  if (!experiment) {
    return;
  }
  const answer = await sendCommand('/api/experiments/' + encodeURIComponent(experiment.experimentId) + '/' + path,
    bodyOf(form), {form, prefix: form.id.replace(/-form$/, ''), status: 'experiment-status'});
  if (answer) {
    form.reset();
    const steps = experiment.timeline.length;
    await showExperiment(experiment.experimentId, read => read.timeline.length > steps
      && (!status || read.status === status));
    myExperiments(); // the capture form names each experiment with its status, now read as changed
    $('experiment-status').textContent = t('form.saved');
    keepFocus(form, 'experiment-status');
  } else {
    // Refused (a teammate started or concluded it meanwhile, say): shown as it now is, the refusal still said,
    // unless the person has gone on to another experiment meanwhile.
    if (!shownExperiment || shownExperiment.experimentId !== experiment.experimentId) {
      return;
    }
    await showExperiment(experiment.experimentId, () => true, true);
    myExperiments();
  }
}

/** To the capture form, with this experiment chosen. */
async function learnWithin() {
  const experiment = shownExperiment;
  location.hash = '';
  // Anyone who may read an experiment may record learning within it, not only who proposed it ("mine"): chosen
  // here, it stays chosen when the list is read again.
  const select = $('experimentId');
  select.append(experimentOption(experiment));
  select.value = experiment.experimentId;
  await myExperiments();
  $('summary').focus();
}
