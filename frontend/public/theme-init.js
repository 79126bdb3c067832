/* global window, document */
// Applies the stored theme (or the OS preference) before first paint. A file, not an inline
// script, because the backend's Content-Security-Policy allows scripts from 'self' only.
(function () {
  try {
    var t = localStorage.getItem('qg-theme');
    var dark = t === 'dark' || ((!t || t === 'system') && window.matchMedia('(prefers-color-scheme: dark)').matches);
    document.documentElement.classList.toggle('dark', dark);
  } catch {
    /* storage disabled: main.tsx applies the OS preference */
  }
})();
