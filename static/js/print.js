// "Print this letter" buttons on the programme's printable letters. They start
// hidden, so a browser without JavaScript shows no button that does nothing;
// its own print option prints the same page.
for (const button of document.querySelectorAll("[data-app-print]")) {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
}
