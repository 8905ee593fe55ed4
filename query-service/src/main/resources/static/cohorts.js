'use strict';
// Peer-learning cohorts: every cohort to enrol in, a facilitator forms one, and a cohort's learning as its own feed.

VIEWS.cohorts = {element: 'cohorts-view', title: 'Cohorts', show: showCohorts};
VIEWS.cohort = {element: 'cohort-view', title: 'A cohort', show: showCohort};

let shownCohort;

document.addEventListener('DOMContentLoaded', () => {
  $('form-cohort-form').addEventListener('submit', formCohort);
  $('cohort-learn').addEventListener('click', async () => {
    if (!shownCohort) {
      return;
    }
    const cohortId = shownCohort.cohortId;
    location.hash = '';
    await myCohorts();
    $('cohortId').value = cohortId;
    $('summary').focus();
  });
});

async function readCohorts() {
  const answer = await readApi('/api/cohorts');
  return answer.ok ? answer.json() : [];
}

/** The cohorts the person is enrolled in, offered on the capture form. */
async function myCohorts() {
  const cohorts = (await readCohorts()).filter(cohort => cohort.enrolled);
  const select = $('cohortId');
  const chosen = select.value;
  select.replaceChildren(select.options[0], ...cohorts.map(cohort => new Option(cohort.name, cohort.cohortId)));
  select.value = chosen;
}

async function showCohorts(settledOn) {
  if (!settledOn) {
    $('cohorts-title').focus();
  }
  $('form-cohort').hidden = !(session().person.roles || []).includes('FACILITATOR');
  const cohorts = await settle(readCohorts, settledOn || (() => true));
  $('all-cohorts').replaceChildren(...cohorts.map(cohort => {
    const li = document.createElement('li');
    const link = document.createElement('a');
    link.href = '#cohort/' + encodeURIComponent(cohort.cohortId);
    link.textContent = cohort.name;
    const about = document.createElement('p');
    about.className = 'hint';
    about.textContent = aboutCohort(cohort);
    li.append(link, about);
    if (!cohort.enrolled) {
      const form = document.createElement('form');
      form.noValidate = true;
      const button = document.createElement('button');
      button.type = 'submit';
      button.className = 'secondary';
      button.textContent = 'Enrol in ' + cohort.name;
      form.append(button);
      form.addEventListener('submit', event => enrol(event, cohort));
      li.append(form);
    }
    return li;
  }));
  if (!cohorts.length) {
    const li = document.createElement('li');
    li.textContent = 'No cohort has been formed yet.';
    $('all-cohorts').append(li);
  }
}

function aboutCohort(cohort) {
  return 'Formed by ' + cohort.formedByName + ' (' + cohort.organisation + ')'
    + (cohort.themes.length ? ', on ' + cohort.themes.join(', ') : '') + '; ' + cohort.members + ' enrolled'
    + (cohort.enrolled ? ', you among them.' : '.');
}

async function enrol(event, cohort) {
  event.preventDefault();
  const answer = await sendCommand('/api/cohorts/' + encodeURIComponent(cohort.cohortId) + '/enrolments', {},
    {form: event.target, prefix: 'enrol', status: 'cohorts-status'});
  if (answer) {
    await showCohorts(cohorts => cohorts.some(one => one.cohortId === cohort.cohortId && one.enrolled));
    await myCohorts();
    $('cohorts-status').textContent = 'Enrolled in ' + cohort.name + '.';
  }
}

async function formCohort(event) {
  event.preventDefault();
  const form = event.target;
  const answer = await sendCommand('/api/cohorts', {name: form.elements.name.value,
    themes: themesOf(form.elements.themes.value)}, {form, prefix: 'cohort', status: 'form-cohort-status'});
  if (answer) {
    form.reset();
    await showCohorts(cohorts => cohorts.some(one => one.cohortId === answer.id));
    $('form-cohort-status').textContent = 'Formed. People can enrol in it now.';
  }
}

async function showCohort(cohortId) {
  shownCohort = null;
  $('cohort-found').hidden = true;
  const cohort = (await readCohorts()).find(one => one.cohortId === cohortId);
  $('cohort-title').textContent = cohort ? cohort.name : 'Cohort';
  $('cohort-about').textContent = cohort ? aboutCohort(cohort) : '';
  const answer = cohort ? await readApi('/api/cohorts/' + encodeURIComponent(cohortId) + '/learning') : null;
  $('cohort-found').hidden = !answer || !answer.ok;
  $('cohort-missing').hidden = !!answer && answer.ok;
  if (!answer || !answer.ok) {
    $('cohort-missing').textContent = !cohort ? 'There is no cohort with this address.'
      : answer.status === 403 ? 'Only its members read its feed: enrol first.'
        : 'The cohort could not be read; try again.';
    $('cohort-title').focus();
    return;
  }
  shownCohort = cohort;
  $('cohort-learn').hidden = !cohort.enrolled;
  const items = await answer.json();
  $('cohort-feed').replaceChildren(...items.map(learningItem));
  if (!items.length) {
    const li = document.createElement('li');
    li.textContent = 'Nothing recorded in it yet.';
    $('cohort-feed').replaceChildren(li);
  }
  $('cohort-title').focus();
}
