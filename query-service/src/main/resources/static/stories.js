'use strict';
// Stories: told once with who may read them and for what; their consent narrowed later; referred to from
// experiments and learning so that nobody has to tell theirs again.

const PURPOSES = {LEARNING: 'learning', SERVICE_DESIGN: 'designing services', RESEARCH: 'research',
  PUBLIC_REPORTING: 'public reports'};
const READERS = {PRIVATE: 'only you', TEAM: 'your team', ORGANISATION: 'your organisation', SYSTEM: 'the whole system'};
const CHOICES = {PRIVATE: 'Only me', TEAM: 'My team', ORGANISATION: 'My organisation', SYSTEM: 'The whole system'};
const WIDTH = Object.keys(CHOICES);

VIEWS.stories = {element: 'stories-view', title: 'Stories', show: showStories};

document.addEventListener('DOMContentLoaded', () => {
  $('story-form').addEventListener('submit', tell);
});

/** The signed-in person's stories, newest first; also offered wherever a story can be referred to. */
async function myStories() {
  const answer = await readApi('/api/stories/mine');
  const stories = answer.ok ? await answer.json() : [];
  document.querySelectorAll('.story-choice').forEach(select => {
    const chosen = select.value;
    select.replaceChildren(select.options[0], ...stories.map(story => new Option(excerpt(story.text), story.storyId)));
    select.value = chosen;
  });
  return stories;
}

function excerpt(text) {
  return text.length > 60 ? text.slice(0, 57) + '…' : text;
}

async function showStories(settledOn) {
  if (!settledOn) {
    $('stories-title').focus();
  }
  const stories = await settle(myStories, settledOn || (() => true));
  $('my-stories').replaceChildren(...stories.map(story => {
    const li = document.createElement('li');
    const text = document.createElement('p');
    text.textContent = story.text;
    const consent = document.createElement('p');
    consent.className = 'hint';
    consent.textContent = 'Read by ' + READERS[story.visibility] + '; used for '
      + (story.purposes.length ? story.purposes.map(purpose => PURPOSES[purpose]).join(', ') : 'nothing any more')
      + '.';
    li.append(text, consent, narrowForm(story));
    return li;
  }));
  if (!stories.length) {
    const li = document.createElement('li');
    li.textContent = 'You have not told a story here yet.';
    $('my-stories').append(li);
  }
}

/** A form that narrows a story's consent: only as wide as it is now, only the purposes it has now. */
function narrowForm(story) {
  const prefix = 'narrow-' + story.storyId;
  const form = document.createElement('form');
  form.noValidate = true;
  const details = document.createElement('details');
  const summary = document.createElement('summary');
  summary.textContent = 'Narrow who may read it, or what for';
  const field = document.createElement('div');
  field.className = 'field';
  const label = document.createElement('label');
  label.htmlFor = prefix + '-visibility';
  label.textContent = 'Who may read it from now on';
  const select = document.createElement('select');
  select.id = prefix + '-visibility';
  select.name = 'visibility';
  WIDTH.slice(0, WIDTH.indexOf(story.visibility) + 1).forEach(width => select.append(new Option(CHOICES[width],
    width)));
  select.value = story.visibility;
  const error = document.createElement('p');
  error.id = prefix + '-visibility-error';
  error.className = 'error';
  error.hidden = true;
  field.append(label, select, error);
  const purposes = document.createElement('fieldset');
  const legend = document.createElement('legend');
  legend.textContent = 'What it may be used for from now on';
  purposes.append(legend, ...story.purposes.map(purpose => {
    const option = document.createElement('label');
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.name = 'purposes';
    box.value = purpose;
    box.checked = true;
    option.append(box, ' ' + PURPOSES[purpose][0].toUpperCase() + PURPOSES[purpose].slice(1));
    return option;
  }));
  const button = document.createElement('button');
  button.type = 'submit';
  button.textContent = 'Narrow my consent';
  const status = document.createElement('p');
  status.id = prefix + '-status';
  status.setAttribute('role', 'status');
  details.append(summary, field, purposes, button, status);
  form.append(details);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const body = {visibility: select.value, purposes: checked(form, 'purposes')};
    const answer = await sendCommand('/api/stories/' + encodeURIComponent(story.storyId) + '/consent', body,
      {form, prefix, status: status.id});
    if (answer) {
      await showStories(stories => stories.some(told => told.storyId === story.storyId
        && told.visibility === body.visibility && told.purposes.length === body.purposes.length));
    }
  });
  return form;
}

function checked(form, name) {
  return Array.from(form.querySelectorAll('input[name="' + name + '"]:checked'), box => box.value);
}

async function tell(event) {
  event.preventDefault();
  const form = event.target;
  const answer = await sendCommand('/api/stories', {text: form.elements.text.value,
    visibility: form.elements.visibility.value, purposes: checked(form, 'purposes')},
  {form, prefix: 'story', status: 'story-status'});
  if (answer) {
    form.reset();
    await showStories(stories => stories.some(story => story.storyId === answer.id));
    $('story-status').textContent = 'Told. You can refer to it from an experiment or a learning entry.';
  }
}
