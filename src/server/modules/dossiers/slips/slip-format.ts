/**
 * Wording of dates and times on the official forms, always in Vietnamese time (UTC+7) whatever
 * the server's time zone.
 *
 * Decree 30/2020/NĐ-CP (administrative documents) writes dates in words with a leading zero for
 * days below 10 and for months 1 and 2 only: "ngày 05 tháng 01 năm 2026", "ngày 10 tháng 3 năm
 * 2026". Times use the 24-hour clock: "09 giờ 15 phút".
 */
import { type DateOnly, dateOnlyParts, vnDateOf, vnMinuteOfDay } from '../../../../domain/calendar/index.ts';

function dateParts(value: Date | DateOnly): { d: string; m: string; y: string } {
  const { y, m, d } = dateOnlyParts(value instanceof Date ? vnDateOf(value) : value);
  return { d: String(d).padStart(2, '0'), m: m <= 2 ? `0${m}` : String(m), y: String(y) };
}

/** "ngày 10 tháng 3 năm 2026". */
export function dateInWords(value: Date | DateOnly): string {
  const { d, m, y } = dateParts(value);
  return `ngày ${d} tháng ${m} năm ${y}`;
}

/** "09 giờ 15 phút, ngày 10 tháng 3 năm 2026" (seconds are dropped, not rounded). */
export function dateTimeInWords(instant: Date): string {
  const minute = Math.floor(vnMinuteOfDay(instant));
  const hh = String(Math.floor(minute / 60)).padStart(2, '0');
  const mm = String(minute % 60).padStart(2, '0');
  return `${hh} giờ ${mm} phút, ${dateInWords(instant)}`;
}

/** The place-and-date line under the national motto: "Phú Thọ, ngày 10 tháng 3 năm 2026". */
export function placeAndDate(placeName: string, instant: Date): string {
  return `${placeName}, ${dateInWords(instant)}`;
}
