'use strict';
// The analyst's view, for analysts and leaders: how practice changed, and two periods side by side. It reads the
// same filters as the dashboard (and "As it was known on"), and draws with the page's own chart and table helpers.

const ENDINGS = {AS_PLANNED: 'As planned', CHANGED: 'Changed', NOT_YET: 'Not yet'};
let analysis;

document.addEventListener('DOMContentLoaded', () => {
  $('bucket').addEventListener('change', practiceChange);
  $('compare-form').addEventListener('submit', compare);
});

/** Called by the page each time it shows a dashboard: the analysis follows the same choices. */
window.analysisFollows = (current, params) => {
  const shown = (current.person.roles || []).some(role => role === 'ANALYST' || role === 'LEADER');
  $('practice').hidden = !shown;
  $('compare').hidden = !shown;
  if (!shown) {
    return;
  }
  const {view} = filtersOfAddress();
  const filters = new URLSearchParams(params);
  if (view !== 'system') {
    filters.set('organisation', current.person.organisation);
  }
  if (view === 'team') {
    filters.set('team', current.person.team);
  }
  analysis = {token: current.token, person: current.person, filters};
  $('compare-table').replaceChildren();
  $('compare-status').textContent = '';
  practiceChange();
};

async function practiceChange() {
  if (!analysis) {
    return;
  }
  const params = new URLSearchParams(analysis.filters);
  params.set('bucket', $('bucket').value);
  const answer = await fetch('/api/analytics/practice-change?' + params,
    {headers: {Authorization: 'Bearer ' + analysis.token}});
  if (!answer.ok) {
    const problem = await answer.json().catch(() => ({}));
    $('practice-status').textContent = 'Not shown: ' + (problem.detail || 'try again shortly.');
    return;
  }
  const series = await answer.json();
  const buckets = series.buckets;
  const labels = buckets.map(bucket => bucket.bucket);
  const first = labels[0];
  const last = labels[labels.length - 1];
  const unit = series.bucket + (buckets.length === 1 ? '' : 's');
  $('practice-status').textContent = buckets.length + ' ' + unit + (first ? ', from ' + first + ' to ' + last : '')
    + (analysis.filters.get('asOf') ? ', as known on ' + new Date(series.asOf).toLocaleString() : '') + '.';

  const kinds = [['BREAKTHROUGH', 'Breakthroughs'], ['DISAPPOINTMENT', 'Disappointments'], ['REFLECTION', 'Reflections']];
  chart('practice-learning', {
    type: 'bar',
    data: {labels, datasets: kinds.map(([kind, label]) => ({label, data: buckets.map(b => b.learning[kind]),
      backgroundColor: COLOURS[kind]}))},
    options: {scales: {x: {stacked: true}, y: {stacked: true, beginAtZero: true, ticks: {precision: 0}}}}
  });
  const total = kind => buckets.reduce((sum, b) => sum + b.learning[kind], 0);
  describe('practice-learning', 'Learning by kind per ' + series.bucket + ': in all ' + total('BREAKTHROUGH')
    + ' breakthroughs, ' + total('DISAPPOINTMENT') + ' disappointments and ' + total('REFLECTION')
    + ' reflections.');
  table('practice-learning-table', ['Period', 'Breakthroughs', 'Disappointments', 'Reflections'],
    buckets.map(b => [b.bucket, b.learning.BREAKTHROUGH, b.learning.DISAPPOINTMENT, b.learning.REFLECTION]));

  const shares = buckets.map(b => {
    const all = Object.values(b.perspectives).reduce((sum, count) => sum + count, 0);
    const share = {};
    Object.keys(PERSPECTIVES).forEach(key => { share[key] = all ? Math.round(b.perspectives[key] * 100 / all) : 0; });
    return share;
  });
  const palette = ['#00568f', '#5b2a86', '#8a3b00', '#3d5a1e', '#6b4700', '#1b1b1b'];
  chart('practice-voices', {
    type: 'line',
    data: {labels, datasets: Object.entries(PERSPECTIVES).map(([key, label], i) => ({label,
      data: shares.map(share => share[key]), borderColor: palette[i], backgroundColor: palette[i]}))},
    options: {scales: {y: {beginAtZero: true, max: 100, ticks: {callback: value => value + '%'}}}}
  });
  describe('practice-voices', 'Share of learning by perspective per ' + series.bucket + (shares.length
    ? ': lived experience ' + shares[0].LIVED_EXPERIENCE + '% in ' + first + ', ' + shares[shares.length - 1]
      .LIVED_EXPERIENCE + '% in ' + last : '') + '.');
  table('practice-voices-table', ['Period', ...Object.values(PERSPECTIVES).map(label => label + ' (%)')],
    buckets.map((b, i) => [b.bucket, ...Object.keys(PERSPECTIVES).map(key => shares[i][key])]));

  chart('practice-experiments', {
    type: 'bar',
    data: {labels, datasets: [
      {label: 'Proposed', data: buckets.map(b => b.experiments.proposed), backgroundColor: '#00568f'},
      {label: 'Concluded', data: buckets.map(b => b.experiments.concluded), backgroundColor: '#3d5a1e'},
      {label: 'Ended as planned', data: buckets.map(b => b.endings.AS_PLANNED), backgroundColor: '#5b2a86'}]},
    options: {scales: {y: {beginAtZero: true, ticks: {precision: 0}}}}
  });
  describe('practice-experiments', 'Experiments per ' + series.bucket + ': '
    + buckets.reduce((sum, b) => sum + b.experiments.proposed, 0) + ' proposed, '
    + buckets.reduce((sum, b) => sum + b.experiments.concluded, 0) + ' concluded.');
  table('practice-experiments-table', ['Period', 'Proposed', 'Started', 'Adapted', 'Concluded', 'Amplify', 'Adapt',
    'Stop', ...Object.values(ENDINGS).map(label => 'Ending: ' + label.toLowerCase())],
  buckets.map(b => [b.bucket, b.experiments.proposed, b.experiments.started, b.experiments.adapted,
    b.experiments.concluded, b.outcomes.AMPLIFY, b.outcomes.ADAPT, b.outcomes.STOP,
    ...Object.keys(ENDINGS).map(key => b.endings[key])]));

  const rate = b => Math.round(b.actionLearning.followThroughRate * 100);
  chart('practice-follow', {
    type: 'line',
    data: {labels, datasets: [{label: 'Actions followed through (%)', data: buckets.map(rate),
      borderColor: '#3d5a1e', backgroundColor: '#3d5a1e'}]},
    options: {scales: {y: {beginAtZero: true, max: 100, ticks: {callback: value => value + '%'}}}}
  });
  describe('practice-follow', 'Actions followed through per ' + series.bucket + (buckets.length ? ': ' + rate(buckets[0])
    + '% in ' + first + ', ' + rate(buckets[buckets.length - 1]) + '% in ' + last : '') + '.');
  const days = value => value === null ? '' : value;
  table('practice-follow-table', ['Period', 'Sessions held', 'Actions committed', 'Actions done', 'Followed through (%)',
    'Median days to a first disappointment', 'Median days to a conclusion'],
  buckets.map(b => [b.bucket, b.actionLearning.sessionsHeld, b.actionLearning.actionsCommitted,
    b.actionLearning.actionsDone, rate(b), days(b.medianDaysToFirstDisappointment), days(b.medianDaysToConclusion)]));
}

function describe(name, text) {
  $(name + '-chart').setAttribute('aria-label', text + ' The table below gives each period.');
}

/** The dashboard of each period, with the same view and filters, in one table. */
async function compare(event) {
  event.preventDefault();
  const form = event.target;
  if (!form.reportValidity()) {
    return;
  }
  const {path, params} = dashboardAddress(session().person);
  const read = async (from, to) => {
    const periodParams = new URLSearchParams(params);
    periodParams.set('from', from);
    periodParams.set('to', to);
    const answer = await fetch(path + '?' + periodParams, {headers: {Authorization: 'Bearer ' + session().token}});
    return answer.ok ? answer.json() : Promise.reject(await answer.json().catch(() => ({})));
  };
  try {
    const [first, second] = await Promise.all([read(form.elements.aFrom.value, form.elements.aTo.value),
      read(form.elements.bFrom.value, form.elements.bTo.value)]);
    const measures = [
      ['Breakthroughs', d => d.totals.breakthroughs], ['Disappointments', d => d.totals.disappointments],
      ['Reflections', d => d.totals.reflections], ['Experiments proposed', d => d.totals.experimentsProposed],
      ['Experiments concluded', d => d.totals.experimentsConcluded],
      ['Experiments running at the end', d => d.totals.experimentsActive],
      ['Lived experience (% of learning)', d => {
        const all = Object.values(d.perspectives).reduce((sum, count) => sum + count, 0);
        return all ? Math.round(d.perspectives.LIVED_EXPERIENCE * 100 / all) : 0;
      }],
      ['Sessions held', d => d.actionLearning.sessionsHeld],
      ['Actions followed through (%)', d => Math.round(d.actionLearning.followThroughRate * 100)]];
    const label = (from, to) => from + ' to ' + to;
    table('compare-table', ['Measure', label(form.elements.aFrom.value, form.elements.aTo.value),
      label(form.elements.bFrom.value, form.elements.bTo.value), 'Change'],
    measures.map(([name, of]) => {
      const change = of(second) - of(first);
      return [name, of(first), of(second), (change > 0 ? '+' : '') + change];
    }));
    $('compare-status').textContent = 'Compared.';
  } catch (problem) {
    $('compare-status').textContent = 'Not compared: ' + (problem.detail || 'try again.');
  }
}
