import { addDays, vnDateOf } from '../../../domain/calendar/index.ts';
import { CHANNEL_LABEL_VI } from '../../../domain/dossiers/status.ts';
import { buildVietQrPayload } from '../../../domain/payments/vietqr.ts';
import type { AppConfig } from '../../config.ts';
import type { Database } from '../../db/database.ts';
import { notFound } from '../../http/problem.ts';
import type { RequestContext } from '../access/actor.ts';
import { pathInScope, requirePermission } from '../access/policy.ts';
import { publicLookupUrl } from './dossier-notices.ts';
import * as store from './dossier.store.ts';
import { type SlipAgency, type SlipCommon, renderApology, renderReceiptSlip, renderRefusal, renderSupplementRequest } from './slips/index.ts';

export const DOSSIER_FORMS = ['receipt', 'supplement', 'refusal', 'apology'] as const;
export type DossierForm = (typeof DOSSIER_FORMS)[number];

const UNIT_LABEL: Record<string, string> = { working_days: 'ngày làm việc', working_hours: 'giờ làm việc', calendar_days: 'ngày' };

interface BankSettings {
  bin: string;
  account: string;
  accountName: string;
  bankName: string;
}

/**
 * Renders one of the official forms of a dossier as PDF: the receipt slip (01), the supplement
 * request (02), the refusal (03) and the apology with a new date (04). A form that does not apply
 * to the dossier's history (no supplement was asked, no apology sent) is 404.
 */
export async function renderDossierForm(db: Database, config: AppConfig, ctx: RequestContext, id: string, form: DossierForm): Promise<{ pdf: Buffer; filename: string }> {
  const prefix = requirePermission(ctx.actor, 'dossiers.read');
  const row = await store.findDossierById(db, id);
  if (!row || !pathInScope(row.unit_path, prefix)) throw notFound('Không tìm thấy hồ sơ.');
  const [events, unit, parent] = await Promise.all([
    store.listEvents(db, id),
    db.selectFrom('units').select(['name', 'parent_id', 'settings']).where('id', '=', row.unit_id).executeTakeFirstOrThrow(),
    db
      .selectFrom('units as u')
      .innerJoin('units as p', 'p.id', 'u.parent_id')
      .select(['p.short_name', 'p.name'])
      .where('u.id', '=', row.unit_id)
      .executeTakeFirst(),
  ]);
  const officer = await db
    .selectFrom('accounts')
    .select('display_name')
    .where('username', '=', events.find((e) => e.type === 'create')?.actor ?? '')
    .executeTakeFirst();
  const agency: SlipAgency = { name: unit.name, parentName: parent?.short_name ?? parent?.name, deskName: 'Bộ phận Một cửa', placeName: 'Phú Thọ' };
  const common: SlipCommon = {
    agency,
    dossierCode: row.code,
    applicant: { fullName: row.applicant_name, idNumber: row.applicant_id_number, address: row.applicant_address ?? undefined, phone: row.applicant_phone, email: row.applicant_email ?? undefined },
    procedureName: row.procedure_name,
    issuedAt: row.received_at ?? row.submitted_at,
    lookupUrl: publicLookupUrl(config.publicUrl, row.code),
  };
  const receivedAt = row.received_at ?? row.submitted_at;
  const signer = { fullName: officer?.display_name ?? ctx.actor.displayName };
  const rules = row.rules as { processingAmount?: number; processingUnit?: string };
  const filename = `${form}-${row.code}.pdf`;

  switch (form) {
    case 'receipt': {
      if (!row.due_at) throw notFound('Hồ sơ chưa được tiếp nhận.');
      const bank = (unit.settings as { bank?: BankSettings }).bank;
      const paymentQr =
        bank && row.fee_vnd > row.paid_vnd
          ? {
              payload: buildVietQrPayload({ bankBin: bank.bin, accountNumber: bank.account, amount: row.fee_vnd - row.paid_vnd, content: row.code.slice(-18) }),
              caption: `${bank.bankName} – ${bank.account} – ${bank.accountName}`,
            }
          : undefined;
      const pdf = await renderReceiptSlip({
        ...common,
        documents: row.documents.map((d) => ({ name: d.name, originals: d.originals, copies: d.copies })),
        channel: row.channel === 'counter' ? 'Trực tiếp tại Bộ phận Một cửa' : CHANNEL_LABEL_VI[row.channel],
        receivedAt,
        dueAt: row.legal_due_at ?? row.due_at,
        processingTime: rules.processingAmount !== undefined ? `${String(rules.processingAmount).padStart(2, '0')} ${UNIT_LABEL[rules.processingUnit ?? 'working_days']}` : undefined,
        fee: { amount: row.fee_vnd },
        ...(paymentQr ? { paymentQr } : {}),
        receivingOfficer: signer,
      });
      return { pdf, filename };
    }
    case 'supplement': {
      const event = events.find((e) => e.type === 'request_supplement');
      if (!event) throw notFound('Hồ sơ không có yêu cầu bổ sung.');
      const items = (event.data.items as string[] | undefined) ?? [];
      const note = (event.data.note as string | undefined) ?? undefined;
      const pdf = await renderSupplementRequest({
        ...common,
        issuedAt: event.at,
        receivedAt,
        items: items.map((name) => ({ name, reason: note ?? 'Thành phần hồ sơ còn thiếu hoặc chưa đúng quy định', instructions: 'Nộp bổ sung tại Bộ phận Một cửa hoặc trực tuyến' })),
        completeBy: event.data.closeAt ? addDays(vnDateOf(new Date(String(event.data.closeAt))), -1) : undefined,
        guidingOfficer: { fullName: event.actor === ctx.actor.username ? ctx.actor.displayName : signer.fullName },
      });
      return { pdf, filename };
    }
    case 'refusal': {
      const event = events.find((e) => e.type === 'refuse_reception');
      if (!event) throw notFound('Hồ sơ không bị từ chối tiếp nhận.');
      const pdf = await renderRefusal({ ...common, issuedAt: event.at, receivedAt, reasons: (event.data.reasons as string[] | undefined) ?? [], receivingOfficer: signer });
      return { pdf, filename };
    }
    case 'apology': {
      const event = events.find((e) => e.type === 'apologize');
      if (!event) throw notFound('Hồ sơ không có văn bản xin lỗi, hẹn lại.');
      const pdf = await renderApology({
        ...common,
        issuedAt: event.at,
        receivedAt,
        previousDueAt: new Date(String(event.data.previousDueAt)),
        newDueAt: new Date(String(event.data.newDueAt)),
        reason: String(event.data.reason ?? ''),
        signer: { fullName: ctx.actor.displayName, title: 'THỦ TRƯỞNG CƠ QUAN' },
      });
      return { pdf, filename };
    }
  }
}
