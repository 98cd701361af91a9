import { useCallback, useEffect, useState, type ReactNode, type Ref } from 'react'
import type { PostlineApi } from '../../shared/api'
import type { AccountView, Draft, OutboxItem } from '../../shared/domain'
import type { PostlineError } from '../../shared/errors'
import type { ErrorContext } from '../error-text'
import type { AccountActions } from '../hooks/use-account-actions'
import { report } from '../call-safely'
import { useT } from '../i18n/I18n'
import { useComposer, type Composer as ComposerModel } from '../hooks/use-composer'
import { onMenuAction } from '../hooks/use-composer-shortcuts'
import { useDrafts } from '../hooks/use-drafts'
import { useFileDrop } from '../hooks/use-file-drop'
import { useMessageActions } from '../hooks/use-message-actions'
import { useOutbox } from '../hooks/use-outbox'
import { useOutboxActions } from '../hooks/use-outbox-actions'
import { useRestoreDraft } from '../hooks/use-restore-draft'
import type { SettingsState } from '../hooks/use-settings'
import { Composer } from './Composer'
import { DraftsPanel } from './DraftsPanel'
import { OverdueQuestion } from './OverdueQuestion'
import { OutboxPanel } from './OutboxPanel'
import { ReconnectBanner } from './ReconnectBanner'
import { callSafely } from '../call-safely'
import { toastToShow } from '../toast-choice'
import { SendToast, type Toast } from './SendToast'
import { SettingsPanel } from './SettingsPanel'
import { Sidebar, type View } from './Sidebar'
import { SignOutDialog } from './SignOutDialog'

interface WorkspaceProps {
  api: PostlineApi
  accounts: readonly AccountView[]
  actions: AccountActions
  busy: boolean
  signInPanel: ReactNode | null
  settings: SettingsState
  errorRegion: ReactNode
  addRef: Ref<HTMLButtonElement>
  onError(error: PostlineError, context: ErrorContext): void
}

/** The window once there is an account: the sidebar, then the composer or a panel. */
export function Workspace(props: WorkspaceProps) {
  const { accounts, actions, busy, signInPanel, settings, errorRegion, addRef } = props
  const [view, setView] = useState<View>('compose')
  const [signOutEmail, setSignOutEmail] = useState<string | null>(null)
  const session = useWorkspaceSession(props, setView)
  // A composer action from main's menu brings the composer into view first (the sheet opens
  // over any view).
  useEffect(
    () =>
      onMenuAction((action) => {
        if (action !== 'shortcuts') setView('compose')
      }),
    [],
  )
  const { drafts, outbox, composer, message, dragging, reconnect } = session
  const panel = signInPanel === null ? view : null
  const signOutAccount = accounts.find((account) => account.email === signOutEmail) ?? null
  return (
    <div className="shell">
      <Sidebar
        view={view}
        onSelect={setView}
        drafts={drafts.value}
        outbox={outbox.value}
        accounts={accounts}
        busy={busy}
        addRef={addRef}
        onAdd={() => void actions.add()}
        onUse={(email) => void actions.setActive(email)}
        onSignOut={setSignOutEmail}
      />
      <main className="content">
        {errorRegion}
        <ReconnectBanners accounts={accounts} busy={busy} onReconnect={reconnect} />
        <OverdueQuestion items={outbox.value} actions={session.outboxActions} />
        {signInPanel}
        <div className="view" hidden={panel !== 'compose'}>
          <Composer composer={composer} actions={message} accounts={accounts} dragging={dragging} />
        </div>
        <ViewPanel panel={panel} session={session} accounts={accounts} settings={settings} />
        <SendToast
          toast={toastToShow(session.toast, outbox.value, view)}
          progress={outbox.progress}
          onUndo={session.undoToast}
          onOpenOutbox={() => setView('outbox')}
          onDismiss={session.dismissToast}
          onFocusLost={() => {
            if (view === 'compose') composer.requestFocus('to')
          }}
        />
      </main>
      <SignOutDialog
        account={signOutAccount}
        actions={actions}
        onClose={() => setSignOutEmail(null)}
      />
    </div>
  )
}

/** The Drafts, Outbox or Settings panel, when one is open. */
function ViewPanel({
  panel,
  session,
  accounts,
  settings,
}: {
  panel: View | null
  session: WorkspaceSession
  accounts: readonly AccountView[]
  settings: SettingsState
}) {
  const { drafts, outbox, composer } = session
  if (panel === 'drafts') {
    return (
      <DraftsPanel
        drafts={drafts.value}
        loadError={drafts.loadError}
        openId={composer.state.draftId}
        onOpen={(id) => void session.openDraft(id)}
        onDelete={(id) => void session.deleteDraft(id)}
        search={session.searchDrafts}
      />
    )
  }
  if (panel === 'outbox') {
    return (
      <OutboxPanel
        items={outbox.value}
        loadError={outbox.loadError}
        progress={outbox.progress}
        actions={session.outboxActions}
      />
    )
  }
  if (panel === 'settings') return <SettingsPanel accounts={accounts} settings={settings} />
  return null
}

function ReconnectBanners({
  accounts,
  busy,
  onReconnect,
}: {
  accounts: readonly AccountView[]
  busy: boolean
  onReconnect(email: string): void
}) {
  return accounts
    .filter((account) => account.status === 'needs-reconnect')
    .map((account) => (
      <ReconnectBanner
        key={account.email}
        account={account}
        disabled={busy}
        onReconnect={onReconnect}
      />
    ))
}

type WorkspaceSession = ReturnType<typeof useWorkspaceSession>

/**
 * What the workspace works with: the drafts and outbox mirrors, the open message, the actions on
 * them, and the toast last raised (Workspace decides whether it shows, with `toastToShow`).
 */
function useWorkspaceSession(props: WorkspaceProps, setView: (view: View) => void) {
  const { api, accounts, actions, onError } = props
  const t = useT()
  const [toast, setToast] = useState<Toast | null>(null)
  const drafts = useDrafts(api)
  const outbox = useOutbox(api)
  const composer = useComposer(api, accounts, onError)
  const onSent = useCallback((item: OutboxItem) => setToast({ kind: 'message', item }), [])
  const onDiscarded = useCallback((draftId: string) => setToast({ kind: 'discarded', draftId }), [])
  const message = useMessageActions(api, composer, onError, onSent, onDiscarded)
  const { open, state } = composer
  const subject = state.subject.trim()
  useEffect(() => {
    document.title = t.t('app.windowTitle', { subject: subject || t.t('app.newMessage') })
  }, [subject, t])
  const untouched = useCallback(() => !composer.state.touched, [composer.state.touched])
  useRestoreDraft(api, drafts.value, true, untouched, open)
  const dragging = useFileDrop(true, (files) => {
    setView('compose')
    void message.attachDropped(files)
  })
  const reconnect = useCallback((email: string) => void actions.reconnect(email), [actions])
  const outboxActions = useOutboxSession({
    api,
    onError,
    outboxItems: outbox.value,
    open,
    requestFocus: composer.requestFocus,
    reconnect,
    setView,
    setToast,
  })
  const { openDraft, deleteDraft, restoreDraft } = useDraftNavigation(
    api,
    composer,
    onError,
    setView,
    onDiscarded,
  )
  const searchDrafts = useCallback(
    (query: string) => callSafely(() => api.drafts.search(query)),
    [api],
  )
  const dismissToast = useCallback(() => setToast(null), [])
  const undoSend = outboxActions.undo
  const undoToast = useCallback(
    (shown: Toast) => {
      if (shown.kind === 'message') undoSend(shown.item.id)
      else if (shown.kind === 'discarded') {
        setToast(null)
        void restoreDraft(shown.draftId)
      }
    },
    [restoreDraft, undoSend],
  )
  return {
    ...{ drafts, outbox, composer, message, outboxActions, dragging, reconnect },
    ...{ openDraft, deleteDraft, toast, dismissToast, undoToast, searchDrafts },
  }
}

/** The outbox's actions, with the notes that say where an undone or discarded message went. */
function useOutboxSession({
  api,
  onError,
  outboxItems,
  open,
  requestFocus,
  reconnect,
  setView,
  setToast,
}: {
  api: PostlineApi
  onError: WorkspaceProps['onError']
  outboxItems: readonly OutboxItem[] | null
  open: ComposerModel['open']
  requestFocus: ComposerModel['requestFocus']
  reconnect(email: string): void
  setView(view: View): void
  setToast(toast: Toast): void
}) {
  const t = useT()
  const onUndone = useCallback(
    (draft: Draft) => {
      void open(draft).then(() => {
        setView('compose')
        requestFocus('draft-end')
        setToast({ kind: 'note', text: t.t('app.note.undone') })
      })
    },
    [open, requestFocus, setView, setToast, t],
  )
  const onDiscarded = useCallback(
    (id: string) => {
      const item = outboxItems?.find((candidate) => candidate.id === id)
      // Main puts an unsent message back among the drafts rather than losing it.
      if (item && item.state !== 'sent') {
        setToast({ kind: 'note', text: t.t('app.note.discarded') })
      }
    },
    [outboxItems, setToast, t],
  )
  const onCopied = useCallback(
    ({ draft, missing }: { draft: Draft; missing: readonly string[] }) => {
      void open(draft).then(() => {
        setView('compose')
        // The copy is the message being written now: the keyboard lands in its Subject.
        focusWhenShown('.composer .subject-input')
        if (missing.length > 0) {
          setToast({
            kind: 'note',
            text: t.t('outbox.copy.missing', { count: missing.length, files: t.list(missing) }),
          })
        }
      })
    },
    [open, setView, setToast, t],
  )
  return useOutboxActions(api, onError, onUndone, reconnect, onDiscarded, onCopied)
}

/**
 * Focuses the element once the view that holds it is shown and it can take the focus (the
 * composer renders, and enables its fields, a few frames after a draft is opened).
 */
function focusWhenShown(selector: string, frames = 60): void {
  const element = document.querySelector<HTMLInputElement>(selector)
  if (element && !element.disabled) {
    element.focus()
    if (document.activeElement === element) return
  }
  if (frames > 0) requestAnimationFrame(() => focusWhenShown(selector, frames - 1))
}

/**
 * Opening a draft from the Drafts panel (saving the open one first), deleting one (main keeps it
 * in its trash while the toast offers Undo), and bringing a deleted or discarded one back.
 */
function useDraftNavigation(
  api: PostlineApi,
  composer: ComposerModel,
  onError: WorkspaceProps['onError'],
  setView: (view: View) => void,
  onDeleted: (draftId: string) => void,
) {
  const { open, clear, state, requestFocus } = composer
  const openDraft = useCallback(
    async (id: string) => {
      if (id === state.draftId) {
        setView('compose')
        return
      }
      const draft = await report(() => api.drafts.get(id), onError, 'draft')
      if (!draft) return
      await open(draft)
      setView('compose')
    },
    [api, onError, open, setView, state.draftId],
  )
  const deleteDraft = useCallback(
    async (id: string) => {
      const left = await report(() => api.drafts.delete(id), onError, 'draft')
      if (!left) return
      if (id === state.draftId) clear()
      onDeleted(id)
    },
    [api, clear, onDeleted, onError, state.draftId],
  )
  const restoreDraft = useCallback(
    async (id: string) => {
      const draft = await report(() => api.drafts.restore(id), onError, 'draft')
      if (!draft) return
      await open(draft)
      setView('compose')
      requestFocus('draft-end')
    },
    [api, onError, open, requestFocus, setView],
  )
  return { openDraft, deleteDraft, restoreDraft }
}
