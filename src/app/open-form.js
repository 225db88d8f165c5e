// Loads the request form's WebAssembly module the first time a visitor opens the form (the
// notice's first load carries none of it), then opens it. Imported by the app's glue code.
let loading;

export function openRequestForm(url, right) {
  loading ??= import(url).then(async (form) => {
    await form.default();
    return form;
  });
  return loading.then(
    (form) => form.open(right),
    (error) => {
      // The page's own fallback (how to send a request without the form) stays in view.
      loading = undefined;
      console.warn("request form unavailable:", error);
    },
  );
}
