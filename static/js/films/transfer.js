// Sending a film to the service in chunks, resuming after a dropped connection.
// Shared by upload.js (a chosen file) and record.js (a recording as it is made).
// The protocol is in docs/adr/0007-film-uploads.md: POST starts (or, with the
// same key, finds again) an upload; PATCH with Upload-Offset sends one chunk;
// a 409 answer says where the upload has got to.

export class UploadError extends Error {}

const RETRY_SECONDS = [1, 2, 4, 8, 15, 30];

const sleep = (seconds) => new Promise((resolve) => setTimeout(resolve, seconds * 1000));

// Wait before trying again, but no longer than until the browser is back online.
function waitToRetry(attempt) {
  const seconds = RETRY_SECONDS[Math.min(attempt, RETRY_SECONDS.length - 1)];
  return new Promise((resolve) => {
    const done = () => {
      window.removeEventListener("online", done);
      resolve();
    };
    window.addEventListener("online", done);
    setTimeout(done, seconds * 1000);
  });
}

async function answer(response) {
  const type = response.headers.get("Content-Type") || "";
  if (response.redirected || !type.includes("application/json")) {
    throw new UploadError(
      "You have been signed out. Sign in again, then choose the same film to carry on.",
    );
  }
  return response.json();
}

export function newKey(fallback) {
  return window.crypto && crypto.randomUUID ? crypto.randomUUID() : fallback;
}

export async function startUpload(url, csrf, fields) {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    if (value !== null && value !== undefined) body.append(name, value);
  }
  const response = await fetch(url, {
    method: "POST",
    body,
    headers: { "X-CSRFToken": csrf, Accept: "application/json" },
    credentials: "same-origin",
  });
  const data = await answer(response);
  if (!response.ok) throw new UploadError(data.error || "The upload could not start.");
  return data;
}

// Send bytes [offset, end) of ``source`` (a Blob); on a dropped connection keep
// trying, asking the server where it has got to. ``onProgress(offset)`` after
// every chunk, ``onConnection(ok)`` when the connection drops or comes back.
// Returns the server's last answer.
export async function sendRange(upload, csrf, source, offset, end, hooks = {}) {
  let attempt = 0;
  let last = null;
  while (offset < end) {
    const stop = Math.min(offset + upload.chunk, end);
    let response;
    try {
      response = await fetch(upload.upload, {
        method: "PATCH",
        body: source.slice(offset - (hooks.base || 0), stop - (hooks.base || 0)),
        headers: {
          "X-CSRFToken": csrf,
          "Upload-Offset": String(offset),
          "Content-Type": "application/offset+octet-stream",
          Accept: "application/json",
        },
        credentials: "same-origin",
      });
    } catch (networkError) {
      if (hooks.onConnection) hooks.onConnection(false);
      await waitToRetry(attempt++);
      offset = await whereIsIt(upload, hooks, offset);
      continue;
    }
    if (response.status >= 500) {
      await waitToRetry(attempt++);
      offset = await whereIsIt(upload, hooks, offset);
      continue;
    }
    const data = await answer(response);
    if (response.status === 409) {
      if (data.busy) await sleep(2);
      offset = data.offset;
      continue;
    }
    if (!response.ok) throw new UploadError(data.error || "The upload stopped.");
    if (attempt && hooks.onConnection) hooks.onConnection(true);
    attempt = 0;
    offset = data.offset;
    last = data;
    if (hooks.onProgress) hooks.onProgress(offset);
  }
  return last;
}

async function whereIsIt(upload, hooks, fallback) {
  try {
    const response = await fetch(upload.upload, {
      headers: { Accept: "application/json" },
      credentials: "same-origin",
      cache: "no-store",
    });
    const data = await answer(response);
    if (!response.ok) throw new UploadError(data.error || "The upload stopped.");
    if (hooks.onConnection) hooks.onConnection(true);
    return data.offset;
  } catch (error) {
    if (error instanceof UploadError) throw error;
    return fallback;
  }
}

export async function post(url, csrf, method = "POST") {
  const response = await fetch(url, {
    method,
    headers: { "X-CSRFToken": csrf, Accept: "application/json" },
    credentials: "same-origin",
  });
  const data = await answer(response);
  if (!response.ok) throw new UploadError(data.error || "That didn't work. Try again.");
  return data;
}

export function megabytes(bytes) {
  return (bytes / (1024 * 1024)).toFixed(1);
}
