/**
 * @module web/ui/theme
 * Dark and light themes: the choice is saved, the system's is the default, and charts read
 * their colours from the same CSS variables as the page.
 */
const KEY = 'pitwall.theme'

/** The theme in use. */
export function currentTheme(): 'dark' | 'light' {
  return document.documentElement.dataset['theme'] === 'light' ? 'light' : 'dark'
}

/** Switches theme, saves the choice and tells listeners (`pitwall:theme`). */
export function toggleTheme(): void {
  const next = currentTheme() === 'dark' ? 'light' : 'dark'
  document.documentElement.dataset['theme'] = next
  try {
    localStorage.setItem(KEY, next)
  } catch {
    // Not saved; the page still switches.
  }
  window.dispatchEvent(new Event('pitwall:theme'))
}

/** A CSS variable's value (`--text` → `#e6e9ed`). */
export function cssVar(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim()
}
