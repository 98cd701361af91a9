import { test } from 'node:test'
import assert from 'node:assert/strict'
import type { MenuItemConstructorOptions } from 'electron'
import { OPEN_LOG_FOLDER_LABEL, menuTemplate } from '../../../src/main/menu-template'

/** Every item in the menu, submenus included. */
function items(template: readonly MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((item) => [
    item,
    ...(Array.isArray(item.submenu) ? items(item.submenu as MenuItemConstructorOptions[]) : []),
  ])
}

const roles = (template: readonly MenuItemConstructorOptions[]): string[] =>
  items(template).flatMap((item) => (item.role ? [item.role] : []))

const noAction = { openLogFolder: () => undefined }

test('a packaged build has no Developer Tools and no reload', () => {
  for (const platform of ['linux', 'win32', 'darwin'] as const) {
    const menu = menuTemplate({ isPackaged: true, platform }, noAction)
    const present = roles(menu)
    for (const role of ['toggleDevTools', 'reload', 'forceReload', 'viewMenu']) {
      assert.ok(!present.includes(role), `${role} on ${platform}`)
    }
    assert.ok(present.includes('zoomIn') && present.includes('togglefullscreen'))
  }
})

test('a development run keeps Developer Tools and reload', () => {
  const present = roles(menuTemplate({ isPackaged: false, platform: 'linux' }, noAction))
  for (const role of ['toggleDevTools', 'reload', 'forceReload']) {
    assert.ok(present.includes(role), role)
  }
})

test('the menus are File (App on macOS), Edit, View, Window and Help', () => {
  const top = (platform: NodeJS.Platform): string[] =>
    menuTemplate({ isPackaged: true, platform }, noAction).map(
      (item) => item.role ?? item.label ?? '?',
    )
  assert.deepEqual(top('linux'), ['fileMenu', 'editMenu', 'View', 'windowMenu', 'help'])
  assert.deepEqual(top('darwin'), ['appMenu', 'editMenu', 'View', 'windowMenu', 'help'])
})

test('Help ▸ Open log folder is in every build and opens the log folder', () => {
  for (const isPackaged of [true, false]) {
    let opened = 0
    const menu = menuTemplate(
      { isPackaged, platform: 'linux' },
      {
        openLogFolder: () => {
          opened += 1
        },
      },
    )
    const help = menu.find((item) => item.role === 'help')
    assert.ok(help && Array.isArray(help.submenu))
    const item = (help.submenu as MenuItemConstructorOptions[]).find(
      (entry) => entry.label === OPEN_LOG_FOLDER_LABEL,
    )
    assert.equal(OPEN_LOG_FOLDER_LABEL, 'Open log folder')
    assert.ok(item?.click, `Open log folder (packaged: ${isPackaged})`)
    ;(item.click as () => void)()
    assert.equal(opened, 1)
  }
})
