// The micro-analysis page while a clip or still is cut: ask its status URL every
// few seconds (less often as time goes on) and swap the finished item into the
// list. Without this script the page refreshes itself (<noscript> meta refresh).
const FIRST_WAIT = 2000;
const LONGEST_WAIT = 15000;
const GIVE_UP_AFTER = 10 * 60 * 1000;

function watch(item) {
  const url = item.dataset.momentStatus;
  const started = Date.now();
  let wait = FIRST_WAIT;
  const ask = async () => {
    try {
      const response = await fetch(url, {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
        cache: "no-store",
      });
      if (response.status === 404) return; // removed meanwhile, or no longer ours to see
      if (response.ok) {
        const status = await response.json();
        if (status.state !== "cutting") {
          const current = document.getElementById(item.id);
          if (current) {
            const holder = document.createElement("template");
            holder.innerHTML = status.html.trim();
            const fresh = holder.content.firstElementChild;
            current.replaceWith(fresh);
            const live = document.getElementById("moment-status-live");
            if (live) live.textContent = `${status.title}: ${status.state === "ready" ? "ready to watch" : "could not be cut"}.`;
          }
          return;
        }
      }
    } catch (error) {
      // A dropped connection: try again later.
    }
    if (Date.now() - started > GIVE_UP_AFTER) return;
    wait = Math.min(wait * 1.5, LONGEST_WAIT);
    window.setTimeout(ask, wait);
  };
  window.setTimeout(ask, wait);
}

document.querySelectorAll("[data-moment-status]").forEach(watch);
