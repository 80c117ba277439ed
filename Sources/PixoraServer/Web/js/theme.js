// Light, dark or the system's choice, kept in localStorage and applied to <html data-theme>.

const KEY = 'pixora.theme';
const media = window.matchMedia('(prefers-color-scheme: dark)');
const names = { system: 'System', light: 'Light', dark: 'Dark' };
const icons = { system: '◐', light: '☀', dark: '☾' };

export function themePreference() {
  const value = localStorage.getItem(KEY);
  return value === 'light' || value === 'dark' ? value : 'system';
}

export function applyTheme() {
  const preference = themePreference();
  const theme = preference === 'system' ? (media.matches ? 'dark' : 'light') : preference;
  document.documentElement.dataset.theme = theme;
}

export function setTheme(preference) {
  if (preference === 'system') localStorage.removeItem(KEY);
  else localStorage.setItem(KEY, preference);
  applyTheme();
  window.dispatchEvent(new CustomEvent('pixora-theme'));
}

export function cycleTheme() {
  const order = ['system', 'light', 'dark'];
  setTheme(order[(order.indexOf(themePreference()) + 1) % order.length]);
}

export function themeLabel() {
  const preference = themePreference();
  return { name: names[preference], icon: icons[preference] };
}

media.addEventListener('change', applyTheme);
window.addEventListener('storage', (event) => { if (event.key === KEY) applyTheme(); });
