import { useCallback, useEffect, useState, type ReactNode, type Ref } from 'react'
import type { PostlineApi } from '../../shared/api'
import type { AccountView, Draft, OutboxItem } from '../../shared/domain'
import type { PostlineError } from '../../shared/errors'
import type { ErrorContext } from '../error-text'
import type { AccountActions } from '../hooks/use-account-actions'
import { report, useComposer } from '../hooks/use-composer'
import { useDrafts } from '../hooks/use-drafts'
import { useFileDrop } from '../hooks/use-file-drop'
import { useMessageActions } from '../hooks/use-message-actions'
import { useOutbox } from '../hooks/use-outbox'
import { useOutboxActions } from '../hooks/use-outbox-actions'
import { useRestoreDraft } from '../hooks/use-restore-draft'
import type { SettingsState } from '../hooks/use-settings'
import { Composer } from './Composer'
import { DraftsPanel } from './DraftsPanel'
import { OutboxPanel } from './OutboxPanel'
import { ReconnectBanner } from './ReconnectBanner'
import { SendToast, type Toast } from './SendToast'
import { SettingsPanel } from './SettingsPanel'
import { Sidebar, type View } from './Sidebar'
import { SignOutDialog } from './SignOutDialog'

/** The window once there is an account: the sidebar, then the composer or a panel. */
export function Workspace({
  api,
  accounts,
  actions,
  busy,
  signInPanel,
  settings,
  errorRegion,
  addRef,
  onError,
}: {
  api: PostlineApi
  accounts: readonly AccountView[]
  actions: AccountActions
  busy: boolean
  signInPanel: ReactNode | null
  settings: SettingsState
  errorRegion: ReactNode
  addRef: Ref<HTMLButtonElement>
  onError(error: PostlineError, context: ErrorContext): void
}) {
  const [view, setView] = useState<View>('compose')
  const [signOutEmail, setSignOutEmail] = useState<string | null>(null)
  const [toast, setToast] = useState<Toast | null>(null)
  const drafts = useDrafts(api)
  const outbox = useOutbox(api)
  const composer = useComposer(api, accounts, onError)
  const onSent = useCallback((item: OutboxItem) => setToast({ kind: 'message', item }), [])
  const message = useMessageActions(api, composer, onError, onSent)
  const { open, clear, state } = composer
  const subject = state.subject.trim()

  useEffect(() => {
    document.title = `${subject || 'New message'} — Postline`
  }, [subject])

  const untouched = useCallback(() => !composer.state.touched, [composer.state.touched])
  useRestoreDraft(api, drafts.value, true, untouched, open)

  const dragging = useFileDrop(true, (files) => {
    setView('compose')
    void message.attachDropped(files)
  })

  const onUndone = useCallback(
    (draft: Draft) => {
      void open(draft).then(() => {
        setView('compose')
        setToast({ kind: 'note', text: 'Sending undone. The message is back in the composer.' })
      })
    },
    [open],
  )
  const reconnect = useCallback((email: string) => void actions.reconnect(email), [actions])
  const outboxItems = outbox.value
  const onDiscarded = useCallback(
    (id: string) => {
      const item = outboxItems?.find((candidate) => candidate.id === id)
      // Main puts an unsent message back among the drafts rather than losing it.
      if (item && item.state !== 'sent') {
        setToast({ kind: 'note', text: 'Removed from the Outbox. The message is back in Drafts.' })
      }
    },
    [outboxItems],
  )
  const outboxActions = useOutboxActions(api, onError, onUndone, reconnect, onDiscarded)

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
    [api, onError, open, state.draftId],
  )
  const deleteDraft = useCallback(
    async (id: string) => {
      const left = await report(() => api.drafts.delete(id), onError, 'draft')
      if (left && id === state.draftId) clear()
    },
    [api, clear, onError, state.draftId],
  )

  const dismissToast = useCallback(() => setToast(null), [])
  const toastItem =
    toast?.kind === 'message'
      ? (outbox.value?.find((item) => item.id === toast.item.id) ?? toast.item)
      : null
  // An item that left the outbox (undone, discarded) has nothing more to say.
  const toastGone =
    toast?.kind === 'message' &&
    outbox.value !== null &&
    !outbox.value.some((item) => item.id === toast.item.id) &&
    toast.item.state !== 'sent'
  // The Outbox itself says all the toast would.
  const shownToast: Toast | null =
    toastGone || toast === null || (view === 'outbox' && toast.kind === 'message')
      ? null
      : toastItem
        ? { kind: 'message', item: toastItem }
        : toast

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
        {accounts
          .filter((account) => account.status === 'needs-reconnect')
          .map((account) => (
            <ReconnectBanner
              key={account.email}
              account={account}
              disabled={busy}
              onReconnect={reconnect}
            />
          ))}
        {signInPanel}
        <div className="view" hidden={signInPanel !== null || view !== 'compose'}>
          <Composer composer={composer} actions={message} accounts={accounts} dragging={dragging} />
        </div>
        {signInPanel === null && view === 'drafts' && (
          <DraftsPanel
            drafts={drafts.value}
            loadError={drafts.loadError}
            openId={state.draftId}
            onOpen={(id) => void openDraft(id)}
            onDelete={(id) => void deleteDraft(id)}
          />
        )}
        {signInPanel === null && view === 'outbox' && (
          <OutboxPanel
            items={outbox.value}
            loadError={outbox.loadError}
            progress={outbox.progress}
            actions={outboxActions}
          />
        )}
        {signInPanel === null && view === 'settings' && (
          <SettingsPanel accounts={accounts} settings={settings} />
        )}
        <SendToast
          toast={shownToast}
          progress={outbox.progress}
          onUndo={outboxActions.undo}
          onOpenOutbox={() => setView('outbox')}
          onDismiss={dismissToast}
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
