// The micro-analysis player's keyboard. Without this script the page works the
// same: the practitioner types the times into the forms. This only fills those
// fields from the player, and never acts while someone is typing in a field.
const root = document.querySelector("[data-analysis]");
const video = document.querySelector("#analysis-player");

const FIELDS = "input, textarea, select, [contenteditable]";
// Keys that a focused button, link or disclosure uses for itself.
const OWN_KEYS = { " ": true, Enter: true };
const CONTROLS = "button, a, summary";

function clock(seconds, places) {
  const total = Math.max(0, seconds);
  const minutes = Math.floor(total / 60);
  const rest = (total - minutes * 60).toFixed(places);
  const padded = rest.length < places + 3 ? `0${rest}` : rest;
  return `${minutes}:${padded}`;
}

function field(name) {
  return document.querySelector(`[name="${name}"]`);
}

if (root && video) {
  const fps = Number(root.dataset.frameRate) || 25;
  const frame = 1 / fps;
  const output = document.querySelector("#analysis-time");
  const marks = document.querySelector("[data-analysis-marks]");
  const status = document.querySelector("[data-analysis-status]");
  const start = field("clip-start");
  const end = field("clip-end");
  const title = field("clip-title");
  const stillAt = field("still-at");
  const caption = field("still-caption");
  document.querySelector("[data-analysis-clock]").hidden = false;

  const say = (text) => {
    status.textContent = text;
  };
  const show = () => {
    output.value = clock(video.currentTime, 1);
    const parts = [];
    if (start.value) parts.push(`In ${start.value}`);
    if (end.value) parts.push(`Out ${end.value}`);
    marks.textContent = parts.join(" · ");
  };
  let ticking = false;
  const tick = () => {
    show();
    if (!video.paused) requestAnimationFrame(tick);
    else ticking = false;
  };
  video.addEventListener("play", () => {
    if (!ticking) {
      ticking = true;
      requestAnimationFrame(tick);
    }
  });
  ["timeupdate", "seeked", "loadedmetadata"].forEach((name) => video.addEventListener(name, show));
  [start, end].forEach((input) => input.addEventListener("input", show));

  const seek = (seconds) => {
    const limit = Number.isFinite(video.duration) ? video.duration : seconds;
    video.currentTime = Math.min(Math.max(0, seconds), limit);
  };
  const step = (frames) => {
    if (!video.paused) return;
    const index = Math.round(video.currentTime * fps) + frames;
    seek(index * frame);
  };
  // Times go to the server to the millisecond; the clock shows tenths.
  const now = () => clock(video.currentTime, 3);

  const actions = {
    " ": () => (video.paused ? video.play() : video.pause()),
    ",": () => step(-1),
    ".": () => step(1),
    ArrowLeft: () => seek(video.currentTime - 1),
    ArrowRight: () => seek(video.currentTime + 1),
    "[": () => {
      start.value = now();
      say(`Clip start marked at ${start.value}.`);
    },
    "]": () => {
      end.value = now();
      say(`Clip end marked at ${end.value}.`);
    },
    s: () => {
      video.pause();
      stillAt.value = now();
      say(`Still taken at ${stillAt.value}. Write its caption and choose its principles, then save it.`);
      caption.focus();
    },
    Enter: () => {
      if (!start.value || !end.value) {
        say("Mark the start with [ and the end with ] first.");
        return;
      }
      if (!title.value.trim()) {
        video.pause();
        say("Give the clip a title and choose its principles, then save it.");
        title.focus();
        return;
      }
      title.form.requestSubmit();
    },
  };

  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
    const target = event.target;
    if (target.closest && target.closest(FIELDS)) return;
    if (OWN_KEYS[event.key] && target.closest && target.closest(CONTROLS)) return;
    const action = actions[event.key];
    if (!action) return;
    event.preventDefault();
    action();
    show();
  });
  video.addEventListener("contextmenu", (event) => event.preventDefault());
  show();
}
