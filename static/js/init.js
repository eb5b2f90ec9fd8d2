// Starts the NHS.UK frontend components (header menu, error summary focus,
// file upload, notification banners…). The library is an ES module that does
// not start itself; base.html loads this file with type="module".
import { initAll } from "../vendor/nhsuk/nhsuk-frontend.min.js";

initAll();
