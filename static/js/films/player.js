// The film player. Films are not for downloading: the browser's own "Save video
// as…" menu is not offered on the player (the server sends no download link
// either, and every play is audited).
const player = document.querySelector("#film-player");

if (player) {
  player.addEventListener("contextmenu", (event) => event.preventDefault());
}
