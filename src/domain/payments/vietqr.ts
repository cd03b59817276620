/**
 * VietQR: the NAPAS 247 bank-transfer QR, an EMVCo Merchant-Presented Mode (MPM) payload.
 *
 * Layout of a transfer to an account (NAPAS "QR switching" profile of EMVCo MPM):
 *   00 payload format indicator  "01"
 *   01 point of initiation       "11" static (no amount) | "12" dynamic (amount given)
 *   38 merchant account information (NAPAS template)
 *      00 GUID                   "A000000727" (NAPAS)
 *      01 beneficiary organisation
 *         00 acquirer / bank BIN (6 digits)
 *         01 consumer id = account number
 *      02 service code           "QRIBFTTA" (transfer to an account)
 *   53 currency                  "704" (VND)
 *   54 amount                    integer VND, optional
 *   58 country                   "VN"
 *   62 additional data
 *      08 purpose of transaction  the transfer content, ASCII, at most 25 characters
 *   63 CRC                       CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF) over the whole
 *                                payload up to and including "6304", 4 upper-case hex digits
 *
 * Each data object is tag (2 digits) + length (2 digits, 01–99, counted in characters) + value.
 * Pure; no I/O.
 */
import { foldDiacritics } from '../text/fold.ts';

export const NAPAS_GUID = 'A000000727';
/** Service code for a transfer to a bank account (QRIBFTTC is to a card number). */
export const VIETQR_SERVICE_TO_ACCOUNT = 'QRIBFTTA';
export const VND_CURRENCY_CODE = '704';
export const VIETNAM_COUNTRY_CODE = 'VN';
/** EMVCo limit of every sub-field of the additional data template (ID 62), purpose included. */
export const MAX_TRANSFER_CONTENT_LENGTH = 25;

export interface TlvField {
  tag: string;
  value: string;
}

export interface VietQrTransfer {
  /** The beneficiary bank's 6-digit NAPAS BIN, e.g. "970436" (Vietcombank). */
  bankBin: string;
  /** Beneficiary account number: 1–19 letters or digits. */
  accountNumber: string;
  /** Amount in VND (a positive integer); omit for a static QR where the payer types the amount. */
  amount?: number;
  /**
   * Transfer content (purpose), e.g. the dossier code. Folded to ASCII by
   * {@link vietQrTransferContent}; at most 25 characters after folding.
   */
  content?: string;
}

export interface ParsedVietQr {
  pointOfInitiation: 'static' | 'dynamic';
  bankBin: string;
  accountNumber: string;
  serviceCode: string;
  currency: string;
  amount?: number;
  country: string;
  content?: string;
  crc: string;
}

const CRC_TABLE: readonly number[] = (() => {
  const table: number[] = [];
  for (let byte = 0; byte < 256; byte++) {
    let crc = byte << 8;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
    table.push(crc);
  }
  return table;
})();

/** CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF, no reflection, no final xor) of the UTF-8 bytes, as 4 upper-case hex digits. */
export function crc16Ccitt(data: string): string {
  let crc = 0xffff;
  for (const byte of new TextEncoder().encode(data)) {
    crc = ((crc << 8) & 0xffff) ^ (CRC_TABLE[((crc >> 8) ^ byte) & 0xff] ?? 0);
  }
  return crc.toString(16).toUpperCase().padStart(4, '0');
}

const TAG = /^\d{2}$/;

/** Encodes data objects as EMVCo TLV; the length counts characters (code points). */
export function encodeTlv(fields: readonly TlvField[]): string {
  return fields
    .map(({ tag, value }) => {
      if (!TAG.test(tag)) throw new RangeError(`invalid EMVCo tag '${tag}'`);
      const length = [...value].length;
      if (length < 1 || length > 99) throw new RangeError(`EMVCo field ${tag} must hold 1–99 characters, got ${length}`);
      return `${tag}${String(length).padStart(2, '0')}${value}`;
    })
    .join('');
}

/** Splits an EMVCo TLV string into its data objects (one level). Throws on a malformed string. */
export function parseTlv(payload: string): TlvField[] {
  const chars = [...payload];
  const fields: TlvField[] = [];
  let at = 0;
  while (at < chars.length) {
    const tag = chars.slice(at, at + 2).join('');
    const lengthText = chars.slice(at + 2, at + 4).join('');
    if (!TAG.test(tag) || !/^\d{2}$/.test(lengthText)) throw new RangeError(`malformed TLV at position ${at}`);
    const length = Number(lengthText);
    const end = at + 4 + length;
    if (length === 0 || end > chars.length) throw new RangeError(`TLV field ${tag} at position ${at} overruns the payload`);
    fields.push({ tag, value: chars.slice(at + 4, end).join('') });
    at = end;
  }
  return fields;
}

/**
 * The transfer content as it goes into the QR: diacritics folded (đ → d), upper-cased, every
 * character other than A–Z, 0–9, space, "." and "-" replaced by a space, spaces collapsed.
 * "Lệ phí hồ sơ 000.00.01.H29-260310-0420" → "LE PHI HO SO 000.00.01.H29-260310-0420".
 */
export function vietQrTransferContent(text: string): string {
  return foldDiacritics(text)
    .toUpperCase()
    .replace(/[^A-Z0-9 .-]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function assertTransfer(transfer: VietQrTransfer): void {
  if (!/^\d{6}$/.test(transfer.bankBin)) throw new RangeError(`bank BIN must be 6 digits, got '${transfer.bankBin}'`);
  if (!/^[0-9A-Za-z]{1,19}$/.test(transfer.accountNumber)) {
    throw new RangeError('account number must be 1–19 letters or digits');
  }
  const { amount } = transfer;
  if (amount !== undefined && (!Number.isSafeInteger(amount) || amount <= 0 || String(amount).length > 13)) {
    throw new RangeError(`amount must be a positive integer of at most 13 digits, got ${amount}`);
  }
}

/** Builds the VietQR payload string (ready to be drawn as a QR code) for a bank transfer. */
export function buildVietQrPayload(transfer: VietQrTransfer): string {
  assertTransfer(transfer);
  const content = transfer.content === undefined ? '' : vietQrTransferContent(transfer.content);
  if (content.length > MAX_TRANSFER_CONTENT_LENGTH) {
    throw new RangeError(`transfer content '${content}' is longer than ${MAX_TRANSFER_CONTENT_LENGTH} characters`);
  }
  const beneficiary = encodeTlv([
    { tag: '00', value: transfer.bankBin },
    { tag: '01', value: transfer.accountNumber },
  ]);
  const merchantAccount = encodeTlv([
    { tag: '00', value: NAPAS_GUID },
    { tag: '01', value: beneficiary },
    { tag: '02', value: VIETQR_SERVICE_TO_ACCOUNT },
  ]);
  const fields: TlvField[] = [
    { tag: '00', value: '01' },
    { tag: '01', value: transfer.amount === undefined ? '11' : '12' },
    { tag: '38', value: merchantAccount },
    { tag: '53', value: VND_CURRENCY_CODE },
  ];
  if (transfer.amount !== undefined) fields.push({ tag: '54', value: String(transfer.amount) });
  fields.push({ tag: '58', value: VIETNAM_COUNTRY_CODE });
  if (content) fields.push({ tag: '62', value: encodeTlv([{ tag: '08', value: content }]) });
  const body = `${encodeTlv(fields)}6304`;
  return body + crc16Ccitt(body);
}

function field(fields: readonly TlvField[], tag: string): string | undefined {
  return fields.find((f) => f.tag === tag)?.value;
}

function required(fields: readonly TlvField[], tag: string, where: string): string {
  const value = field(fields, tag);
  if (value === undefined) throw new RangeError(`VietQR: missing field ${tag} in ${where}`);
  return value;
}

/**
 * Parses and checks a VietQR transfer payload: the CRC must match and field 63 must come last.
 * Throws RangeError on a malformed payload or one that is not a NAPAS transfer.
 */
export function parseVietQrPayload(payload: string): ParsedVietQr {
  const crcAt = payload.length - 8;
  if (crcAt < 0 || payload.slice(crcAt, crcAt + 4) !== '6304') throw new RangeError('VietQR: CRC field 63 must end the payload');
  const crc = payload.slice(crcAt + 4);
  if (crc16Ccitt(payload.slice(0, crcAt + 4)) !== crc.toUpperCase()) throw new RangeError('VietQR: CRC mismatch');
  const root = parseTlv(payload);
  if (root[0]?.tag !== '00' || root[0].value !== '01') throw new RangeError('VietQR: payload format indicator must be 01');
  const initiation = required(root, '01', 'root');
  if (initiation !== '11' && initiation !== '12') throw new RangeError(`VietQR: unknown point of initiation ${initiation}`);
  const merchant = parseTlv(required(root, '38', 'root'));
  if (required(merchant, '00', '38') !== NAPAS_GUID) throw new RangeError('VietQR: field 38 is not a NAPAS template');
  const beneficiary = parseTlv(required(merchant, '01', '38'));
  const amountText = field(root, '54');
  const additional = field(root, '62');
  const content = additional === undefined ? undefined : field(parseTlv(additional), '08');
  const parsed: ParsedVietQr = {
    pointOfInitiation: initiation === '11' ? 'static' : 'dynamic',
    bankBin: required(beneficiary, '00', '38/01'),
    accountNumber: required(beneficiary, '01', '38/01'),
    serviceCode: required(merchant, '02', '38'),
    currency: required(root, '53', 'root'),
    country: required(root, '58', 'root'),
    crc,
  };
  if (amountText !== undefined) parsed.amount = Number(amountText);
  if (content !== undefined) parsed.content = content;
  return parsed;
}
