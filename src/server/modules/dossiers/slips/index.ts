/** The official one-stop forms (Circular 03/2025/TT-VPCP, Annex I, forms 01–04) as PDF. */
export { APOLOGY_TITLE, renderApology } from './render-apology.ts';
export { RECEIPT_SLIP_TITLE, renderReceiptSlip } from './render-receipt-slip.ts';
export { REFUSAL_TITLE, renderRefusal } from './render-refusal.ts';
export { SUPPLEMENT_REQUEST_TITLE, renderSupplementRequest } from './render-supplement-request.ts';
export type * from './slip-data.ts';
