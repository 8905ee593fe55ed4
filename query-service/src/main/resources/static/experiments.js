'use strict';
// Experiments in the page: propose one, start it, adapt it with a reason, conclude it with how its planned ending
// went; "My experiments" and "Due to end"; one experiment's page with its timeline and the learning recorded in it.

const STEPS = {ExperimentProposed: 'Proposed', ExperimentStarted: 'Started', ExperimentAdapted: 'Adapted',
  ExperimentConcluded: 'Concluded'};
const STATUSES = {PROPOSED: 'Proposed, not started yet', RUNNING: 'Running', CONCLUDED: 'Concluded'};
const VISIBILITIES = {PRIVATE: 'Only its proposer', TEAM: 'Its team', ORGANISATION: 'Its organisation',
  SYSTEM: 'The whole system'};
const OUTCOME_TEXTS = {AMPLIFY: 'Amplify: do more of it', ADAPT: 'Adapt: try it differently', STOP: 'Stop it'};
const ENDING_TEXTS = {AS_PLANNED: 'As planned', CHANGED: 'Changed', NOT_YET: 'Not yet'};

let shownExperiment;
/** Counts the reads of an experiment, so that only the latest one is shown. */
let experimentReads = 0;
/** The experiment just proposed here: the read side may not have it yet. */
let proposedHere;

VIEWS.experiments = {element: 'experiments-view', title: 'Experiments', show: showExperiments};
VIEWS.experiment = {element: 'experiment-view', title: 'An experiment', show: showExperiment};

document.addEventListener('DOMContentLoaded', () => {
  $('propose-form').addEventListener('submit', propose);
  $('start-form').addEventListener('submit', event => step(event, 'start', () => ({}), 'RUNNING'));
  $('adapt-form').addEventListener('submit', event => step(event, 'adaptations',
    form => ({change: form.elements.change.value, reason: form.elements.reason.value})));
  $('conclude-form').addEventListener('submit', event => step(event, 'conclusion',
    form => ({outcome: form.elements.outcome.value, summary: form.elements.summary.value,
      ending: form.elements.ending.value || null, endingNote: form.elements.endingNote.value || null}),
    'CONCLUDED'));
  $('experiment-learn').addEventListener('click', learnWithin);
});

async function showExperiments() {
  $('experiments-title').focus();
  const [mine, due] = await Promise.all([readApi('/api/experiments/mine'), readApi('/api/experiments/overdue')]);
  linkList($('my-experiments'), mine.ok ? await mine.json() : [], experiment => [addressOf(experiment),
    experiment.title + ' (' + STATUSES[experiment.status].toLowerCase() + ')'],
  'You have not proposed an experiment yet.');
  linkList($('due-experiments'), due.ok ? await due.json() : [], experiment => [addressOf(experiment),
    experiment.title + ' (to end by ' + experiment.endsBy + ')'], 'None is past its end date.');
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

async function showExperiment(experimentId, settled) {
  const navigated = !settled;
  if (!settled && proposedHere === experimentId) {
    settled = () => true;
  }
  proposedHere = null;
  shownExperiment = null;
  const reading = ++experimentReads;
  if (navigated) {
    $('experiment-found').hidden = true;
  }
  $('experiment-status').textContent = settled ? 'Saved; updating…' : '';
  const {answer, experiment} = await readExperiment(experimentId, settled);
  if (reading !== experimentReads) {
    return; // A later read (another experiment, or this one again) shows instead.
  }
  if (!experiment) {
    $('experiment-found').hidden = true;
    $('experiment-missing').hidden = false;
    $('experiment-title').textContent = 'Experiment';
    $('experiment-missing').textContent = answer.status === 404
      ? 'There is no experiment with this address that you may see.' : 'The experiment could not be read; try again.';
    $('experiment-title').focus();
    return;
  }
  shownExperiment = experiment;
  $('experiment-missing').hidden = true;
  $('experiment-found').hidden = false;
  $('experiment-status').textContent = '';
  $('experiment-title').textContent = experiment.title;
  facts(experiment);
  const {person} = session();
  // As the command service decides (which also refuses anyone else): its team, or its organisation's stewards.
  const steward = person.organisation === experiment.organisation && (person.team === experiment.team
    || (person.roles || []).some(role => role === 'FACILITATOR' || role === 'LEADER'));
  $('start-form').hidden = !steward || experiment.status !== 'PROPOSED';
  $('adapt-form').hidden = !steward || experiment.status !== 'RUNNING';
  $('conclude-form').hidden = !steward || experiment.status !== 'RUNNING';
  $('experiment-learn').hidden = experiment.status === 'CONCLUDED';
  timeline(experiment.timeline);
  learning(experiment.learning);
  if (navigated) {
    $('experiment-title').focus();
  }
}

function facts(experiment) {
  const rows = [['What they expect', experiment.hypothesis], ['Themes', experiment.themes.join(', ') || 'None'],
    ['How it will end well', experiment.plannedEnding], ['Ends by', experiment.endsBy || 'Not set'],
    ['Who may read it', VISIBILITIES[experiment.visibility]], ['Status', STATUSES[experiment.status]],
    ['Proposed by', experiment.proposedBy + ' (' + experiment.team + ', ' + experiment.organisation + ')']];
  if (experiment.outcome) {
    rows.push(['Outcome', OUTCOME_TEXTS[experiment.outcome]]);
  }
  if (experiment.ending) {
    rows.push(['How the planned ending went', ENDING_TEXTS[experiment.ending]]);
  }
  if (experiment.story) {
    rows.push(['The story it comes from', experiment.story.text]);
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
    name.textContent = (STEPS[step.type] || step.type) + ' ';
    const when = document.createElement('time');
    when.dateTime = step.at;
    when.textContent = new Date(step.at).toLocaleString();
    item.append(name, 'by ' + step.by + ', ', when);
    const said = {change: 'What changed', reason: 'Why', summary: 'What they learned',
      endingNote: 'What happened to the people involved'};
    for (const [field, label] of Object.entries(said)) {
      if (step.detail[field]) {
        const line = document.createElement('p');
        line.textContent = label + ': ' + step.detail[field];
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
    li.textContent = 'No learning recorded within it yet.';
    $('experiment-learning').replaceChildren(li);
  }
}

/** Starts, adapts or concludes the shown experiment, then shows it again once the change has reached it. */
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
    $('experiment-status').textContent = 'Saved.';
  }
}

/** To the capture form, with this experiment chosen. */
async function learnWithin() {
  const experiment = shownExperiment;
  location.hash = '';
  await myExperiments();
  $('experimentId').value = experiment.experimentId;
  $('summary').focus();
}
