import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import {
  htmlMentionsAttachment,
  htmlToOwnText,
  mentionsAttachment,
  ownText,
} from '../../../src/shared/attachment-mention'

/** Each sentence must (or must not) make Send ask about a missing attachment. */
function check(sentences: readonly string[], expected: boolean): void {
  const wrong = sentences.filter((sentence) => mentionsAttachment(sentence) !== expected)
  assert.deepEqual(wrong, [], expected ? 'missed mentions' : 'false alarms')
}

describe('English', () => {
  test('mentions', () => {
    check(
      [
        "Hi Ana, I've attached the slides from Tuesday.",
        'Please find attached the signed contract.',
        'Attached is the invoice for March.',
        'See the attached file for details.',
        'The report is attached.',
        'I’m attaching the photos from the trip.',
        'Let me know if the attachment opens for you.',
        'Two attachments: the budget and the schedule.',
        'Please find enclosed my CV and cover letter.',
        "I'll attach the draft so you can comment.",
        'Attached to this email you will find the minutes.',
        'ATTACHED: Q3 figures',
      ],
      true,
    )
  })
  test('no mention, or clearly nothing attached', () => {
    check(
      [
        'See you at the meeting tomorrow.',
        'No attachment this time, the link is below.',
        'Nothing is attached; everything is in the shared folder.',
        "I haven't attached anything, the file is too big.",
        'I have not attached the file yet.',
        'Her book is about attachment styles in adults.',
        'We talked about attachment theory and secure attachment.',
        "I'm very attached to this old laptop.",
        'The garage attached to the house needs a new door.',
        'We ate in an enclosed garden.',
        'Attachments: none',
        'Sending this without an attachment on purpose.',
      ],
      false,
    )
  })
})

describe('Portuguese (Brazil)', () => {
  test('mentions', () => {
    check(
      [
        'Segue em anexo o relatório de vendas.',
        'Segue anexo o contrato assinado.',
        'Seguem anexos os comprovantes.',
        'Segue anexa a planilha atualizada.',
        'Oi Pedro, anexei as fotos da viagem.',
        'O arquivo anexado tem a versão final.',
        'Envio em anexo a proposta revisada.',
        'Anexo o currículo para sua avaliação.',
        'Estou anexando a nota fiscal.',
        'Veja o anexo e me diga o que acha.',
        'Conforme anexo, o prazo é sexta.',
        'Os documentos anexos estão assinados.',
        'Vou anexar o boleto.',
        'Em anexo, a lista de presença.',
      ],
      true,
    )
  })
  test('no mention, annexes that are not attachments, or nothing attached', () => {
    check(
      [
        'Nos vemos na reunião amanhã às 10h.',
        'Conforme o Anexo II da portaria, o prazo acabou.',
        'A reunião será no anexo do prédio B.',
        'O anexo da escola fica aberto até as 18h.',
        'Vai sem anexo mesmo, o link está abaixo.',
        'Não há anexo nesta mensagem.',
        'Não anexei nada, está tudo no Drive.',
        'Nenhum anexo: o arquivo está na pasta compartilhada.',
        'Ela é professora adjunta na universidade.',
        'Na aula de hoje vimos o adjunto adnominal.',
      ],
      false,
    )
  })
})

describe('Spanish', () => {
  test('mentions', () => {
    check(
      [
        'Te adjunto el informe trimestral.',
        'Adjunto el archivo con los datos.',
        'Le adjunto la factura de marzo.',
        'Envío adjunto el contrato firmado.',
        'Te envío adjunta la presentación.',
        'Los documentos adjuntos están firmados.',
        'Revisa el archivo adjunto, por favor.',
        'Ya adjunté las fotos del viaje.',
        'Va adjunto el presupuesto.',
        'Voy a adjuntar el borrador.',
        'Encontrarás adjuntos los planos.',
        'Te envío en anexo la propuesta.',
      ],
      true,
    )
  })
  test('no mention, deputies, or nothing attached', () => {
    check(
      [
        'Nos vemos mañana en la reunión.',
        'Sin adjunto: el enlace está abajo.',
        'No hay ningún archivo adjunto, todo está en la nube.',
        'No adjunto nada porque el archivo pesa demasiado.',
        'Hablé con el director adjunto de la escuela.',
        'La profesora adjunta dará la clase.',
        'Según el anexo 3 de la ley, el plazo vence hoy.',
        'Sin archivos adjuntos esta vez.',
      ],
      false,
    )
  })
})

describe('the signature and quoted text do not count', () => {
  test('the "-- " signature and mobile footers', () => {
    check(
      [
        'See you Monday.\n\n-- \nAda Lovelace\nAttachment parenting coach',
        'Até segunda.\n-- \nMaria Souza\nSegue anexo meu portfólio: maria.example.com',
        'Hasta el lunes.\n--\nJuan Pérez\nDirector adjunto · Te adjunto mi tarjeta',
        'Thanks!\nSent from my phone · Attached: nothing',
        'Valeu!\nEnviado do meu iPhone\nSegue em anexo',
        'Gracias.\nEnviado desde mi Android. Adjunto: ninguno',
      ],
      false,
    )
  })
  test('quoted replies in three languages', () => {
    check(
      [
        'Sounds good.\n\nOn Mon, 3 Mar 2025 at 10:00, Ana <ana@example.com> wrote:\n> I attached the plan.',
        'Combinado.\n\nEm seg., 3 de mar. de 2025 às 10:00, Ana <ana@example.com> escreveu:\nSegue em anexo o plano.',
        'De acuerdo.\n\nEl lun, 3 mar 2025 a las 10:00, Ana <ana@example.com> escribió:\nTe adjunto el plan.',
        'Ok.\n> Please find attached the notes.\n> Thanks',
        'Fine.\n\nOn Mon, 3 Mar 2025 at 10:00, Ana Maria da Silva\n<ana@example.com> wrote:\nAttached is the file.',
        'Sure.\n\n-----Original Message-----\nFrom: Ana\nAttached is the file.',
      ],
      false,
    )
  })
  test('the own words before a quote or a signature still count', () => {
    check(
      [
        'Here it is, attached.\n\nOn Mon, 3 Mar 2025, Ana <ana@example.com> wrote:\n> send it?',
        'Segue em anexo.\n-- \nMaria',
        'Te adjunto la foto.\nEnviado desde mi iPhone',
      ],
      true,
    )
  })
  test('ownText keeps the person’s lines and drops the rest', () => {
    assert.equal(ownText('one\n> quoted\ntwo\n-- \nsig'), 'one\ntwo')
    // A line that merely starts with "On" and ends the sentence with a colon elsewhere stays.
    assert.equal(
      ownText('On Monday I wrote: the plan is fine'),
      'On Monday I wrote: the plan is fine',
    )
  })
})

describe('the editor’s HTML', () => {
  test('blockquotes, gmail_quote and the signature paragraph are left out', () => {
    assert.equal(
      htmlMentionsAttachment(
        '<p>Looks good.</p><blockquote><p>I attached <b>the plan</b>.</p><blockquote><p>attached</p></blockquote></blockquote><p>Thanks</p>',
      ),
      false,
    )
    assert.equal(
      htmlMentionsAttachment(
        '<p>Ok</p><div class="gmail_quote"><div>On Mon, Ana wrote:</div><p>Segue em anexo</p></div>',
      ),
      false,
    )
    assert.equal(
      htmlMentionsAttachment('<p>Hi</p><p>-- <br>Ada<br>Attachment theory researcher</p>'),
      false,
    )
    assert.equal(htmlToOwnText('<p>Hi &amp; bye</p><p>-- <br>Ada</p>').trim(), 'Hi & bye')
  })
  test('a mention in the person’s own paragraphs counts, formatting or not', () => {
    assert.equal(htmlMentionsAttachment('<p>Segue <b>em anexo</b> o relatório.</p>'), true)
    assert.equal(
      htmlMentionsAttachment(
        '<p>Te adjunto&nbsp;el informe.</p><blockquote><p>ok</p></blockquote><p>-- <br>Juan</p>',
      ),
      true,
    )
    assert.equal(htmlMentionsAttachment('<p>I&#39;ve attached it.</p>'), true)
  })
})
