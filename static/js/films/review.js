// The shared review player: the page's list of clips and stills becomes one large
// player, one at a time, for a parent on a tablet or a laptop. Without this script
// the list of players and its form work as they are.
const root = document.querySelector("[data-review]");
const start = document.querySelector("[data-review-start]");

if (root && start) {
  const items = Array.from(root.querySelectorAll("[data-review-item]"));
  const bar = root.querySelector("[data-review-bar]");
  const counter = root.querySelector("[data-review-counter]");
  let current = -1;

  const media = (item) => item.querySelector("video");
  const showing = () => current >= 0;

  const show = (index) => {
    if (index < 0 || index >= items.length) return;
    if (showing()) media(items[current])?.pause();
    current = index;
    items.forEach((item, i) => {
      item.hidden = i !== current;
    });
    const item = items[current];
    const shown = item.querySelector("[data-review-shown]");
    if (shown) shown.checked = true;
    const title = item.querySelector("h2").textContent.trim();
    counter.textContent = `${current + 1} of ${items.length}: ${title}`;
  };

  const begin = () => {
    root.classList.add("app-review__stage");
    bar.hidden = false;
    show(0);
    counter.focus?.();
  };

  const stop = () => {
    if (document.fullscreenElement) document.exitFullscreen();
    if (showing()) media(items[current])?.pause();
    current = -1;
    root.classList.remove("app-review__stage");
    bar.hidden = true;
    items.forEach((item) => {
      item.hidden = false;
    });
    start.focus();
  };

  const toggle = () => {
    const video = showing() && media(items[current]);
    if (video) video.paused ? video.play() : video.pause();
  };

  const fullScreen = () => {
    if (document.fullscreenElement) document.exitFullscreen();
    else root.requestFullscreen?.();
  };

  start.hidden = false;
  document.querySelector("[data-review-help]").hidden = false;
  start.addEventListener("click", begin);
  root.querySelector("[data-review-next]").addEventListener("click", () => show(current + 1));
  root.querySelector("[data-review-previous]").addEventListener("click", () => show(current - 1));
  root.querySelector("[data-review-fullscreen]").addEventListener("click", fullScreen);
  root.querySelector("[data-review-stop]").addEventListener("click", stop);

  const keys = {
    ArrowRight: () => show(current + 1),
    ArrowLeft: () => show(current - 1),
    " ": toggle,
    f: fullScreen,
  };
  document.addEventListener("keydown", (event) => {
    if (!showing() || event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target;
    if (target.closest && target.closest("input, textarea, select, [contenteditable]")) return;
    if (event.key === " " && target.closest && target.closest("button, a, summary")) return;
    const action = keys[event.key];
    if (!action) return;
    event.preventDefault();
    action();
  });
}
