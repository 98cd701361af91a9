// The sandbox's own words in English, Portuguese (Brazil) and Spanish. Google localizes its
// consent screen from the `hl` parameter, else the browser's Accept-Language; the sandbox does the
// same. It imports nothing of Postline's (not even its catalogs): it stands in for Google.

/** The languages the sandbox's pages speak. */
export const SANDBOX_LANGUAGES = ['en', 'pt-BR', 'es'] as const

/** One of {@link SANDBOX_LANGUAGES}. */
export type SandboxLanguage = (typeof SANDBOX_LANGUAGES)[number]

/** Every word of the sandbox's pages; each language has them all (the compiler checks). */
export interface SandboxWords {
  readonly notice: string
  // The consent screen.
  readonly signInTitle: string
  readonly signInHeading: string
  readonly client: string
  readonly chooseAccount: string
  readonly appWantsTo: string
  readonly scopeEmail: string
  readonly scopeOpenId: string
  readonly scopeProfile: string
  readonly scopeGmailSend: string
  readonly alwaysShared: string
  readonly answerGoesTo: (origin: string) => string
  readonly untickToRefuse: string
  readonly deny: string
  readonly allow: string
  // Google's error page.
  readonly errorCode: (status: number, error: string) => string
  readonly blockedAuthorization: string
  readonly blockedInvalidRequest: string
  readonly clientNotFound: string
  readonly redirectNotLoopback: string
  readonly invalidResponseType: (value: string) => string
  readonly missingParameter: (name: string) => string
  readonly openIdRequired: string
  readonly pkceRequired: string
  readonly s256Required: string
  readonly challengeShape: string
  readonly invalidAccessType: (value: string) => string
  readonly consentExpired: string
  readonly chooseAllowOrDeny: string
  readonly chooseSandboxAccount: string
  readonly missing: string
  // The mailbox.
  readonly mailboxTitle: string
  readonly mailboxHeading: string
  readonly mailboxIntro: (count: string) => string
  readonly messages: (count: number) => string
  readonly sandboxLink: string
  readonly asJson: string
  readonly emptyMailbox: string
  readonly noMessages: string
  readonly account: string
  readonly from: string
  readonly to: string
  readonly subject: string
  readonly date: string
  readonly gmailId: string
  readonly gmailIdValue: (id: string, threadId: string) => string
  readonly received: string
  readonly receivedValue: (at: string, via: string) => string
  readonly size: string
  readonly bytes: (count: number) => string
  readonly textHeading: string
  readonly noText: string
  readonly htmlHeading: string
  readonly noHtml: string
  readonly htmlBodyOf: (id: string) => string
  readonly htmlSource: string
  readonly attachmentsHeading: string
  readonly noAttachments: string
  readonly name: string
  readonly type: string
  readonly noName: string
  readonly noSubject: string
  // The index page.
  readonly indexIntro: string
  readonly clientId: string
  readonly liveGrants: string
  readonly mailboxLink: string
  readonly mailboxCount: (count: number) => string
  readonly stateAsJson: string
  readonly revocations: (count: number) => string
  readonly requests: (count: number) => string
  readonly endpoint: string
  readonly revokeAccess: string
  readonly expireTokens: string
  // The send-as page.
  readonly sendAsLink: string
  readonly sendAsTitle: string
  readonly sendAsIntro: string
  readonly sendAsVerified: string
  readonly sendAsNone: string
  readonly sendAsAddress: string
  readonly sendAsAdd: string
  readonly sendAsBack: string
}

const number = (locale: string) => new Intl.NumberFormat(locale)

const en: SandboxWords = {
  notice: 'Sandbox — not Google. Nothing here is a real account or a real email.',
  signInTitle: 'Sign in – Postline Sandbox',
  signInHeading: 'Sign in to continue to Postline',
  client: 'Client',
  chooseAccount: 'Choose an account',
  appWantsTo: 'Postline wants to',
  scopeEmail: 'See your email address',
  scopeOpenId: 'Associate you with your personal info on Google',
  scopeProfile:
    'See your personal info, including any personal info you’ve made publicly available',
  scopeGmailSend: 'Send email on your behalf',
  alwaysShared: 'Always shared when you sign in',
  answerGoesTo: (origin) => `Your answer is sent back to ${origin}.`,
  untickToRefuse: 'Untick a permission to refuse it.',
  deny: 'Deny',
  allow: 'Allow',
  errorCode: (status, error) => `Error ${status}: ${error}`,
  blockedAuthorization: 'Access blocked: Authorization Error',
  blockedInvalidRequest: 'Access blocked: This app’s request is invalid',
  clientNotFound: 'The OAuth client was not found.',
  redirectNotLoopback:
    'The redirect URI must be a loopback address such as http://127.0.0.1:PORT/ for a desktop app.',
  invalidResponseType: (value) => `Invalid response_type: ${value}`,
  missingParameter: (name) => `Missing required parameter: ${name}`,
  openIdRequired: 'The sandbox signs people in with OpenID: scope must include openid.',
  pkceRequired: 'Missing required parameter: code_challenge (the sandbox requires PKCE).',
  s256Required: 'The sandbox requires code_challenge_method=S256.',
  challengeShape: 'code_challenge must be a base64url SHA-256 (43 characters).',
  invalidAccessType: (value) => `Invalid access_type: ${value}`,
  consentExpired:
    'This sign-in request has expired or was already answered. Start again from the app.',
  chooseAllowOrDeny: 'Choose Allow or Deny.',
  chooseSandboxAccount: 'Choose one of the sandbox accounts.',
  missing: '(missing)',
  mailboxTitle: 'Mailbox – Postline Sandbox',
  mailboxHeading: 'Mailbox',
  mailboxIntro: (count) => `What the sandbox’s Gmail accepted, newest first: ${count}.`,
  messages: (count) => (count === 1 ? '1 message' : `${number('en-US').format(count)} messages`),
  sandboxLink: 'Sandbox',
  asJson: 'As JSON',
  emptyMailbox: 'Empty the mailbox',
  noMessages: 'No messages yet.',
  account: 'Account',
  from: 'From',
  to: 'To',
  subject: 'Subject',
  date: 'Date',
  gmailId: 'Gmail id',
  gmailIdValue: (id, threadId) => `${id} (thread ${threadId})`,
  received: 'Received',
  receivedValue: (at, via) => `${at} via ${via}`,
  size: 'Size',
  bytes: (count) => `${number('en-US').format(count)} bytes`,
  textHeading: 'Text',
  noText: 'No text part.',
  htmlHeading: 'HTML',
  noHtml: 'No HTML part.',
  htmlBodyOf: (id) => `HTML body of ${id}`,
  htmlSource: 'HTML source',
  attachmentsHeading: 'Attachments',
  noAttachments: 'No attachments.',
  name: 'Name',
  type: 'Type',
  noName: '(no name)',
  noSubject: '(no subject)',
  indexIntro: 'A local stand-in for Google’s sign-in and Gmail.',
  clientId: 'Client ID',
  liveGrants: 'Live grants',
  mailboxLink: 'Mailbox',
  mailboxCount: (count) => `(${count} ${count === 1 ? 'message' : 'messages'})`,
  stateAsJson: 'State as JSON',
  revocations: (count) => `${count} ${count === 1 ? 'revocation' : 'revocations'}`,
  requests: (count) => `${count} ${count === 1 ? 'request' : 'requests'}`,
  endpoint: 'Endpoint',
  revokeAccess: 'Revoke access',
  expireTokens: 'Expire tokens',
  sendAsLink: 'Send mail as',
  sendAsTitle: 'Send mail as (verified addresses)',
  sendAsIntro:
    'As in Gmail’s “Send mail as” settings: an account sends only from its own address and the addresses verified here. Any other From is replaced with the account’s address.',
  sendAsVerified: 'Verified send-as addresses',
  sendAsNone: 'None yet',
  sendAsAddress: 'Address to verify',
  sendAsAdd: 'Mark as verified',
  sendAsBack: 'Back to the sandbox',
}

const ptBR: SandboxWords = {
  notice: 'Sandbox — não é o Google. Nada aqui é uma conta real nem um e-mail real.',
  signInTitle: 'Fazer login – Postline Sandbox',
  signInHeading: 'Faça login para continuar no Postline',
  client: 'Cliente',
  chooseAccount: 'Escolha uma conta',
  appWantsTo: 'O Postline quer',
  scopeEmail: 'Ver seu endereço de e-mail',
  scopeOpenId: 'Associar você às suas informações pessoais no Google',
  scopeProfile: 'Ver suas informações pessoais, incluindo as que você disponibilizou publicamente',
  scopeGmailSend: 'Enviar e-mail em seu nome',
  alwaysShared: 'Sempre compartilhado quando você faz login',
  answerGoesTo: (origin) => `Sua resposta é enviada de volta para ${origin}.`,
  untickToRefuse: 'Desmarque uma permissão para recusá-la.',
  deny: 'Negar',
  allow: 'Permitir',
  errorCode: (status, error) => `Erro ${status}: ${error}`,
  blockedAuthorization: 'Acesso bloqueado: erro de autorização',
  blockedInvalidRequest: 'Acesso bloqueado: a solicitação deste app é inválida',
  clientNotFound: 'O cliente OAuth não foi encontrado.',
  redirectNotLoopback:
    'O URI de redirecionamento de um app para computador precisa ser um endereço de loopback, como http://127.0.0.1:PORTA/.',
  invalidResponseType: (value) => `response_type inválido: ${value}`,
  missingParameter: (name) => `Parâmetro obrigatório ausente: ${name}`,
  openIdRequired: 'O sandbox faz login com OpenID: o scope precisa incluir openid.',
  pkceRequired: 'Parâmetro obrigatório ausente: code_challenge (o sandbox exige PKCE).',
  s256Required: 'O sandbox exige code_challenge_method=S256.',
  challengeShape: 'O code_challenge precisa ser um SHA-256 em base64url (43 caracteres).',
  invalidAccessType: (value) => `access_type inválido: ${value}`,
  consentExpired:
    'Esta solicitação de login expirou ou já foi respondida. Comece de novo pelo app.',
  chooseAllowOrDeny: 'Escolha Permitir ou Negar.',
  chooseSandboxAccount: 'Escolha uma das contas do sandbox.',
  missing: '(ausente)',
  mailboxTitle: 'Caixa de correio – Postline Sandbox',
  mailboxHeading: 'Caixa de correio',
  mailboxIntro: (count) => `O que o Gmail do sandbox aceitou, mais recentes primeiro: ${count}.`,
  messages: (count) => (count === 1 ? '1 mensagem' : `${number('pt-BR').format(count)} mensagens`),
  sandboxLink: 'Sandbox',
  asJson: 'Em JSON',
  emptyMailbox: 'Esvaziar a caixa de correio',
  noMessages: 'Nenhuma mensagem ainda.',
  account: 'Conta',
  from: 'De',
  to: 'Para',
  subject: 'Assunto',
  date: 'Data',
  gmailId: 'ID no Gmail',
  gmailIdValue: (id, threadId) => `${id} (conversa ${threadId})`,
  received: 'Recebida',
  receivedValue: (at, via) => `${at} por ${via}`,
  size: 'Tamanho',
  bytes: (count) => `${number('pt-BR').format(count)} ${count === 1 ? 'byte' : 'bytes'}`,
  textHeading: 'Texto',
  noText: 'Sem parte de texto.',
  htmlHeading: 'HTML',
  noHtml: 'Sem parte HTML.',
  htmlBodyOf: (id) => `Corpo HTML de ${id}`,
  htmlSource: 'Código-fonte HTML',
  attachmentsHeading: 'Anexos',
  noAttachments: 'Sem anexos.',
  name: 'Nome',
  type: 'Tipo',
  noName: '(sem nome)',
  noSubject: '(sem assunto)',
  indexIntro: 'Um substituto local do login e do Gmail do Google.',
  clientId: 'ID do cliente',
  liveGrants: 'Autorizações ativas',
  mailboxLink: 'Caixa de correio',
  mailboxCount: (count) => `(${count} ${count === 1 ? 'mensagem' : 'mensagens'})`,
  stateAsJson: 'Estado em JSON',
  revocations: (count) => `${count} ${count === 1 ? 'revogação' : 'revogações'}`,
  requests: (count) => `${count} ${count === 1 ? 'solicitação' : 'solicitações'}`,
  endpoint: 'Endpoint',
  revokeAccess: 'Revogar acesso',
  expireTokens: 'Expirar tokens',
  sendAsLink: 'Enviar e-mail como',
  sendAsTitle: 'Enviar e-mail como (endereços verificados)',
  sendAsIntro:
    'Como nas configurações “Enviar e-mail como” do Gmail: uma conta só envia do próprio endereço e dos endereços verificados aqui. Qualquer outro remetente é trocado pelo endereço da conta.',
  sendAsVerified: 'Endereços verificados para envio',
  sendAsNone: 'Nenhum ainda',
  sendAsAddress: 'Endereço a verificar',
  sendAsAdd: 'Marcar como verificado',
  sendAsBack: 'Voltar ao sandbox',
}

const es: SandboxWords = {
  notice: 'Sandbox — no es Google. Nada aquí es una cuenta real ni un correo real.',
  signInTitle: 'Acceder – Postline Sandbox',
  signInHeading: 'Accede para continuar a Postline',
  client: 'Cliente',
  chooseAccount: 'Elige una cuenta',
  appWantsTo: 'Postline quiere',
  scopeEmail: 'Ver tu dirección de correo electrónico',
  scopeOpenId: 'Asociarte con tu información personal en Google',
  scopeProfile: 'Ver tu información personal, incluida la que hayas hecho pública',
  scopeGmailSend: 'Enviar correos electrónicos en tu nombre',
  alwaysShared: 'Siempre se comparte cuando accedes',
  answerGoesTo: (origin) => `Tu respuesta se envía de vuelta a ${origin}.`,
  untickToRefuse: 'Desmarca un permiso para rechazarlo.',
  deny: 'Denegar',
  allow: 'Permitir',
  errorCode: (status, error) => `Error ${status}: ${error}`,
  blockedAuthorization: 'Acceso bloqueado: error de autorización',
  blockedInvalidRequest: 'Acceso bloqueado: la solicitud de esta app no es válida',
  clientNotFound: 'No se encontró el cliente OAuth.',
  redirectNotLoopback:
    'El URI de redireccionamiento de una app de escritorio debe ser una dirección de loopback, como http://127.0.0.1:PUERTO/.',
  invalidResponseType: (value) => `response_type no válido: ${value}`,
  missingParameter: (name) => `Falta un parámetro obligatorio: ${name}`,
  openIdRequired: 'El sandbox inicia sesión con OpenID: el scope debe incluir openid.',
  pkceRequired: 'Falta un parámetro obligatorio: code_challenge (el sandbox exige PKCE).',
  s256Required: 'El sandbox exige code_challenge_method=S256.',
  challengeShape: 'code_challenge debe ser un SHA-256 en base64url (43 caracteres).',
  invalidAccessType: (value) => `access_type no válido: ${value}`,
  consentExpired:
    'Esta solicitud de inicio de sesión venció o ya se respondió. Vuelve a empezar desde la app.',
  chooseAllowOrDeny: 'Elige Permitir o Denegar.',
  chooseSandboxAccount: 'Elige una de las cuentas del sandbox.',
  missing: '(falta)',
  mailboxTitle: 'Buzón – Postline Sandbox',
  mailboxHeading: 'Buzón',
  mailboxIntro: (count) =>
    `Lo que aceptó el Gmail del sandbox, los más recientes primero: ${count}.`,
  messages: (count) => (count === 1 ? '1 mensaje' : `${number('es').format(count)} mensajes`),
  sandboxLink: 'Sandbox',
  asJson: 'En JSON',
  emptyMailbox: 'Vaciar el buzón',
  noMessages: 'Todavía no hay mensajes.',
  account: 'Cuenta',
  from: 'De',
  to: 'Para',
  subject: 'Asunto',
  date: 'Fecha',
  gmailId: 'ID en Gmail',
  gmailIdValue: (id, threadId) => `${id} (conversación ${threadId})`,
  received: 'Recibido',
  receivedValue: (at, via) => `${at} por ${via}`,
  size: 'Tamaño',
  bytes: (count) => `${number('es').format(count)} ${count === 1 ? 'byte' : 'bytes'}`,
  textHeading: 'Texto',
  noText: 'Sin parte de texto.',
  htmlHeading: 'HTML',
  noHtml: 'Sin parte HTML.',
  htmlBodyOf: (id) => `Cuerpo HTML de ${id}`,
  htmlSource: 'Código fuente HTML',
  attachmentsHeading: 'Archivos adjuntos',
  noAttachments: 'Sin archivos adjuntos.',
  name: 'Nombre',
  type: 'Tipo',
  noName: '(sin nombre)',
  noSubject: '(sin asunto)',
  indexIntro: 'Un sustituto local del inicio de sesión y de Gmail de Google.',
  clientId: 'ID de cliente',
  liveGrants: 'Autorizaciones activas',
  mailboxLink: 'Buzón',
  mailboxCount: (count) => `(${count} ${count === 1 ? 'mensaje' : 'mensajes'})`,
  stateAsJson: 'Estado en JSON',
  revocations: (count) => `${count} ${count === 1 ? 'revocación' : 'revocaciones'}`,
  requests: (count) => `${count} ${count === 1 ? 'solicitud' : 'solicitudes'}`,
  endpoint: 'Endpoint',
  revokeAccess: 'Revocar acceso',
  expireTokens: 'Hacer vencer los tokens',
  sendAsLink: 'Enviar correo como',
  sendAsTitle: 'Enviar correo como (direcciones verificadas)',
  sendAsIntro:
    'Como en la configuración “Enviar correo como” de Gmail: una cuenta solo envía desde su propia dirección y desde las direcciones verificadas aquí. Cualquier otro remitente se reemplaza por la dirección de la cuenta.',
  sendAsVerified: 'Direcciones verificadas para enviar',
  sendAsNone: 'Ninguna todavía',
  sendAsAddress: 'Dirección que verificar',
  sendAsAdd: 'Marcar como verificada',
  sendAsBack: 'Volver al sandbox',
}

/** The sandbox's words, per language. */
export const WORDS: Readonly<Record<SandboxLanguage, SandboxWords>> = { en, 'pt-BR': ptBR, es }

/** The sandbox's language for one BCP 47 tag (any Portuguese is Brazilian, any Spanish is Spanish). */
function languageOf(tag: string): SandboxLanguage | null {
  switch (tag.trim().toLowerCase().replace(/_/g, '-').split('-')[0]) {
    case 'en':
      return 'en'
    case 'pt':
      return 'pt-BR'
    case 'es':
      return 'es'
    default:
      return null
  }
}

/** An `Accept-Language` header's tags, most preferred first; q=0 means refused (RFC 9110 §12.5.4). */
function acceptedTags(header: string | undefined): string[] {
  return (header ?? '')
    .split(',')
    .map((part, index) => {
      const [tag = '', ...rest] = part.trim().split(';')
      const q = rest.map((p) => p.trim()).find((p) => p.startsWith('q='))
      const weight = q === undefined ? 1 : Number(q.slice(2))
      return { tag: tag.trim(), weight: Number.isFinite(weight) ? weight : 0, index }
    })
    .filter((entry) => entry.tag !== '' && entry.tag !== '*' && entry.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index)
    .map((entry) => entry.tag)
}

/**
 * The language of a page, as Google chooses it: the `hl` parameter when the sandbox speaks it,
 * else the first language of Accept-Language it speaks, else English.
 */
export function sandboxLanguage(
  hl: string | null | undefined,
  acceptLanguage: string | undefined,
): SandboxLanguage {
  const fromHl = hl ? languageOf(hl) : null
  if (fromHl) return fromHl
  for (const tag of acceptedTags(acceptLanguage)) {
    const language = languageOf(tag)
    if (language) return language
  }
  return 'en'
}

/** The language of a page for one request: its `hl`, else its Accept-Language. */
export function requestLanguage(
  headers: { readonly 'accept-language'?: string | string[] | undefined },
  hl: string | null,
): SandboxLanguage {
  const header = headers['accept-language']
  return sandboxLanguage(hl, Array.isArray(header) ? header.join(',') : header)
}
