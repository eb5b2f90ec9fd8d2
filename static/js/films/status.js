// While a film is being checked, ask the server every few seconds where it has
// got to, and show the page again once it is ready or was not accepted.
// (Without JavaScript, a <noscript> meta refresh does the same.)
const status = document.querySelector("[data-film-status]");

if (status && window.fetch) {
  const seconds = Number(status.dataset.refreshSeconds) || 5;
  const ask = async () => {
    try {
      const response = await fetch(status.dataset.statusUrl, {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
        cache: "no-store",
      });
      const data = await response.json();
      if (data.state !== "checking") {
        window.location.reload();
        return;
      }
    } catch (error) {
      // Offline for a moment: ask again later.
    }
    setTimeout(ask, seconds * 1000);
  };
  setTimeout(ask, seconds * 1000);
}
