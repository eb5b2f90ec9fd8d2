// "Add a film" with JavaScript: the plain file form becomes a resumable upload
// in chunks, with a progress bar (percentage and MB sent) announced to screen
// readers every 25%. It survives a dropped connection (it waits and carries on)
// and a page reload (choosing the same file again resumes it: the upload's key
// is remembered for that file in this browser). Without JavaScript the form
// posts the whole file and works the same, without the progress bar.
import { UploadError, megabytes, newKey, sendRange, startUpload } from "./transfer.js";

const form = document.querySelector("[data-film-upload]");

if (form && window.fetch && window.FormData && window.Blob && Blob.prototype.slice) {
  enhance(form);
}

function enhance(form) {
  const input = form.querySelector('input[type="file"]');
  const csrf = form.querySelector('input[name="csrfmiddlewaretoken"]').value;
  const pageKey = form.querySelector('input[name="key"]').value;
  const submit = form.querySelector("[data-film-submit]");
  const progress = form.querySelector("[data-film-progress]");
  const bar = progress.querySelector("progress");
  const text = progress.querySelector("[data-film-progress-text]");
  const connection = progress.querySelector("[data-film-connection]");
  const announcer = form.querySelector("[data-film-announcer]");
  const summary = document.querySelector("[data-film-error-summary]");
  const maxBytes = Number(form.dataset.maxBytes);
  let busy = false;
  let announced = 0;

  const storageKey = (file) =>
    `vig-film-upload:${form.dataset.visit}:${file.name}:${file.size}:${file.lastModified}`;

  function remembered(file) {
    try {
      return window.localStorage.getItem(storageKey(file));
    } catch (error) {
      return null;
    }
  }

  function remember(file, key) {
    try {
      if (key) window.localStorage.setItem(storageKey(file), key);
      else window.localStorage.removeItem(storageKey(file));
    } catch (error) {
      // Private browsing: the upload still resumes while the page is open.
    }
  }

  function showError(message) {
    summary.querySelector("[data-film-error-text]").textContent = message;
    summary.hidden = false;
    summary.focus();
    document.title = document.title.startsWith("Error: ") ? document.title : `Error: ${document.title}`;
  }

  function report(sent, total) {
    const percent = total ? Math.floor((sent * 100) / total) : 0;
    bar.value = percent;
    text.textContent = `${percent}% uploaded (${megabytes(sent)} MB of ${megabytes(total)} MB)`;
    const step = Math.floor(percent / 25) * 25;
    if (step > announced && percent < 100) {
      announced = step;
      announcer.textContent = `${step}% uploaded`;
    }
  }

  function warnBeforeLeaving(event) {
    event.preventDefault();
    event.returnValue = "";
  }

  async function begin(file, key) {
    const upload = await startUpload(form.dataset.startUrl, csrf, {
      key,
      name: file.name,
      size: file.size,
      type: file.type,
      source: "upload",
    });
    if (upload.state === "rejected" || upload.state === "destroyed") {
      remember(file, null); // an old upload of this file that was cleared away
      return begin(file, newKey(pageKey));
    }
    remember(file, key);
    return upload;
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (busy) return;
    const file = input.files && input.files[0];
    if (!file) return showError("Choose the film you want to upload.");
    if (file.size === 0) return showError("The selected file is empty. Choose the film you want to upload.");
    if (file.size > maxBytes) {
      return showError(
        `This film is larger than ${form.dataset.maxSize}, the most the service can take. ` +
          "Trim it on the phone or camera, or film a shorter moment, then upload it again.",
      );
    }
    busy = true;
    submit.disabled = true;
    summary.hidden = true;
    progress.hidden = false;
    announced = 0;
    announcer.textContent = "Upload started";
    window.addEventListener("beforeunload", warnBeforeLeaving);
    try {
      const upload = await begin(file, remembered(file) || newKey(pageKey));
      report(upload.offset, file.size);
      let last = upload;
      if (upload.state === "receiving") {
        last = await sendRange(upload, csrf, file, upload.offset, file.size, {
          onProgress: (sent) => report(sent, file.size),
          onConnection: (ok) => {
            connection.hidden = ok;
            announcer.textContent = ok
              ? "The connection is back. Carrying on with the upload."
              : "The connection dropped. The upload will carry on when it is back.";
          },
        });
      }
      remember(file, null);
      announcer.textContent = "Upload complete. The film is being checked.";
      window.removeEventListener("beforeunload", warnBeforeLeaving);
      window.location.assign((last || upload).film);
    } catch (error) {
      window.removeEventListener("beforeunload", warnBeforeLeaving);
      busy = false;
      submit.disabled = false;
      progress.hidden = true;
      showError(error instanceof UploadError ? error.message : "The upload stopped. Try again.");
    }
  });
}
