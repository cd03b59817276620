import querystring from 'node:querystring';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { COMPLAINT_KINDS, COMPLAINT_KIND_VI, type ComplaintKind, open311Status } from '../../../domain/oversight/complaints.ts';
import { type XmlValue, xmlDocument } from '../../../domain/oversight/xml.ts';
import { ZFileComplaintRequest } from '../../../shared/schemas/oversight.ts';
import type { AppDeps } from '../../app-deps.ts';
import { AppError } from '../../http/problem.ts';
import { fileComplaint } from '../oversight/complaint.service.ts';
import { apiKeyId } from '../oversight/api-key.service.ts';
import * as store from '../oversight/complaint.store.ts';

/**
 * Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2) over congvu's complaints, so existing
 * Open311 apps can file and follow them. JSON and XML; errors in the spec's format. Descriptions,
 * names and places stay private (they may identify people): requests show their status, the
 * agency's answer and the responsible unit.
 */
const SPEC = 'http://wiki.open311.org/GeoReport_v2';
const ITEMS = { services: 'service', service_requests: 'request', errors: 'error', endpoints: 'endpoint', formats: 'format', attributes: 'attribute', values: 'value' };
type Format = 'json' | 'xml';

class Open311Error extends Error {
  constructor(readonly status: number, readonly description: string) {
    super(description);
  }
}

function send(reply: FastifyReply, format: Format, root: string, body: XmlValue, status = 200) {
  reply.code(status).header('cache-control', 'no-store');
  if (format === 'xml') return reply.type('text/xml; charset=utf-8').send(xmlDocument(root, body, ITEMS));
  return reply.type('application/json; charset=utf-8').send(JSON.stringify(body));
}

function split(file: string): { name: string; format: Format } {
  const m = /^(.+)\.(json|xml)$/.exec(file);
  if (!m) throw new Open311Error(404, 'Định dạng phải là .json hoặc .xml');
  return { name: m[1]!, format: m[2] as Format };
}

function formatOf(request: FastifyRequest): Format {
  return request.url.split('?')[0]!.endsWith('.xml') ? 'xml' : 'json';
}

function toRequest(row: store.ComplaintRow): XmlValue {
  return {
    service_request_id: row.tracking_code,
    status: open311Status(row.status),
    status_notes: row.answer,
    service_name: COMPLAINT_KIND_VI[row.kind].name,
    service_code: row.kind,
    description: null,
    agency_responsible: row.unit_name,
    service_notice: row.status === 'received' ? 'Đã tiếp nhận, sẽ trả lời trước hạn' : null,
    requested_datetime: row.created_at.toISOString(),
    updated_datetime: row.updated_at.toISOString(),
    expected_datetime: row.response_due_at.toISOString(),
    address: null,
    address_id: null,
    zipcode: null,
    lat: null,
    long: null,
    media_url: null,
  };
}

export async function open311Routes(app: FastifyInstance, { db, readDb, config }: AppDeps) {
  // GETs read through readDb (a replica when DATABASE_READ_URL is set); filing a request writes to db.
  const base = `${config.publicUrl}/open311/v2`;
  const jurisdiction = new URL(config.publicUrl).hostname;

  // Open311 clients post form-encoded bodies (attribute[code]=value).
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 16 * 1024 }, (_req, body, done) => {
    done(null, querystring.parse(body as string));
  });

  const guard = (handler: (request: FastifyRequest, reply: FastifyReply, format: Format) => Promise<unknown>) => async (request: FastifyRequest, reply: FastifyReply) => {
    const format = formatOf(request);
    try {
      const q = request.query as Record<string, unknown>;
      if (q.jurisdiction_id !== undefined && q.jurisdiction_id !== jurisdiction) throw new Open311Error(404, `jurisdiction_id không hợp lệ (dùng ${jurisdiction})`);
      return await handler(request, reply, format);
    } catch (error) {
      const status = error instanceof Open311Error ? error.status : error instanceof AppError ? (error.status === 422 ? 400 : error.status) : 500;
      const description = error instanceof Open311Error ? error.description : error instanceof AppError ? error.detail : 'Lỗi hệ thống';
      if (status === 500) request.log.error({ err: error instanceof Error ? error.message : String(error) }, 'open311 failure');
      return send(reply, format, 'errors', [{ code: status, description }], status);
    }
  };
  const publicRoute = { config: { public: true, rateLimit: { max: 120, timeWindow: '1 minute' } }, schema: { tags: ['open311'], hide: false } } as const;

  for (const format of ['json', 'xml'] as const) {
    app.get(`/open311/v2/discovery.${format}`, publicRoute, guard(async (_rq, reply) =>
      send(reply, format, 'discovery', {
        changeset: '2026-11-23T00:00:00Z',
        contact: 'Bộ phận hỗ trợ congvu',
        key_service: `${config.publicUrl}/phan-anh (cấp api_key: congvu apikey create)`,
        endpoints: [{ specification: SPEC, url: base, changeset: '2026-11-23T00:00:00Z', type: 'production', formats: ['application/json', 'text/xml'] }],
      }),
    ));
    app.get(`/open311/v2/services.${format}`, publicRoute, guard(async (_rq, reply) =>
      send(reply, format, 'services', COMPLAINT_KINDS.map((k) => ({ service_code: k, service_name: COMPLAINT_KIND_VI[k].name, description: COMPLAINT_KIND_VI[k].description, metadata: true, type: 'realtime', keywords: 'công vụ, một cửa', group: 'Văn hóa công vụ' }))),
    ));
    app.get(`/open311/v2/requests.${format}`, publicRoute, guard(async (request, reply) => {
      const q = request.query as Record<string, string | undefined>;
      const date = (v: string | undefined, field: string) => {
        if (v === undefined) return undefined;
        const d = new Date(v);
        if (Number.isNaN(d.getTime())) throw new Open311Error(400, `${field} phải là ngày giờ W3C (ISO 8601)`);
        return d;
      };
      const ids = q.service_request_id?.split(',').map((s) => s.trim().toUpperCase()).filter(Boolean);
      if (q.service_code && !COMPLAINT_KINDS.includes(q.service_code as ComplaintKind)) throw new Open311Error(404, 'service_code không tồn tại');
      if (q.status && q.status !== 'open' && q.status !== 'closed') throw new Open311Error(400, 'status là open hoặc closed');
      const end = date(q.end_date, 'end_date') ?? new Date();
      const start = date(q.start_date, 'start_date') ?? new Date(end.getTime() - 90 * 86_400_000);
      let rows = ids?.length
        ? (await Promise.all(ids.slice(0, 100).map((trackingCode) => store.findComplaint(readDb, { trackingCode })))).filter((r): r is store.ComplaintRow => !!r)
        : await store.listComplaints(readDb, { prefix: '', kind: q.service_code, now: new Date(), from: start, to: end, limit: 1000 });
      if (q.status) rows = rows.filter((r) => open311Status(r.status) === q.status);
      return send(reply, format, 'service_requests', rows.map(toRequest));
    }));
    app.post(`/open311/v2/requests.${format}`, { ...publicRoute, config: { public: true, rateLimit: { max: 30, timeWindow: '1 minute' } }, bodyLimit: 16 * 1024 }, guard(async (request, reply) => {
      const b = (request.body ?? {}) as Record<string, unknown>;
      const one = (k: string) => (Array.isArray(b[k]) ? String((b[k] as unknown[])[0]) : b[k] === undefined ? undefined : String(b[k]));
      const key = one('api_key');
      const keyId = key ? await apiKeyId(db, key) : null;
      if (!keyId) throw new Open311Error(403, 'api_key không hợp lệ hoặc đã bị thu hồi');
      const code = one('service_code');
      if (!code || !COMPLAINT_KINDS.includes(code as ComplaintKind)) throw new Open311Error(400, 'service_code thiếu hoặc không tồn tại');
      const lat = one('lat') !== undefined ? Number(one('lat')) : null;
      const lon = one('long') !== undefined ? Number(one('long')) : null;
      if ((lat !== null && !(lat >= -90 && lat <= 90)) || (lon !== null && !(lon >= -180 && lon <= 180))) throw new Open311Error(400, 'lat/long không hợp lệ');
      const name = [one('first_name'), one('last_name')].filter(Boolean).join(' ');
      const parsed = ZFileComplaintRequest.safeParse({
        kind: code,
        description: one('description') ?? '',
        unitId: one('attribute[unit_id]') || null,
        officialName: one('attribute[official_name]') ?? null,
        dossierCode: one('attribute[dossier_code]') ?? null,
        anonymous: !one('email') && !one('phone'),
        contact: { name: name || null, phone: one('phone') ?? null, email: one('email') ?? null },
      });
      if (!parsed.success) throw new Open311Error(400, parsed.error.issues.map((i) => `${i.path.join('.') || 'request'}: ${i.message}`).join('; '));
      const result = await fileComplaint(db, { ...parsed.data, officialName: parsed.data.officialName ?? null, address: one('address_string') ?? null, lat, lon }, { source: 'open311', apiKeyId: keyId, actor: `open311:${keyId}`, ip: request.ip ?? null, now: new Date() });
      return send(reply, format, 'service_requests', [{ service_request_id: result.trackingCode, token: result.token, service_notice: `Hạn trả lời: ${result.responseDueAt.toISOString()}`, account_id: null }], 201);
    }));
  }

  app.get('/open311/v2/services/:file', publicRoute, guard(async (request, reply) => {
    const { name, format } = split((request.params as { file: string }).file);
    if (!COMPLAINT_KINDS.includes(name as ComplaintKind)) throw new Open311Error(404, 'service_code không tồn tại');
    const units = await readDb.selectFrom('units').select(['id', 'name']).where('active', '=', true).where('depth', '=', 1).orderBy('sort_order').orderBy('name').execute();
    return send(reply, format, 'service_definition', {
      service_code: name,
      attributes: [
        { variable: true, code: 'unit_id', datatype: 'singlevaluelist', required: false, datatype_description: 'Chọn cơ quan, địa phương', order: 1, description: 'Cơ quan bị phản ánh', values: units.map((u) => ({ key: u.id, name: u.name })) },
        { variable: true, code: 'dossier_code', datatype: 'string', required: false, datatype_description: 'Mã trên giấy hẹn', order: 2, description: 'Mã hồ sơ (nếu có)' },
        { variable: true, code: 'official_name', datatype: 'string', required: false, datatype_description: 'Họ tên hoặc chức danh', order: 3, description: 'Cán bộ liên quan (nếu biết)' },
      ],
    });
  }));
  app.get('/open311/v2/requests/:file', publicRoute, guard(async (request, reply) => {
    const { name, format } = split((request.params as { file: string }).file);
    const row = await store.findComplaint(readDb, { trackingCode: name.toUpperCase() });
    if (!row) throw new Open311Error(404, 'Không tìm thấy service_request_id');
    return send(reply, format, 'service_requests', [toRequest(row)]);
  }));
  app.get('/open311/v2/tokens/:file', publicRoute, guard(async (request, reply) => {
    const { name, format } = split((request.params as { file: string }).file);
    const row = /^[0-9a-f-]{36}$/i.test(name) ? await store.findComplaint(readDb, { token: name }) : undefined;
    if (!row) throw new Open311Error(404, 'Không tìm thấy token');
    return send(reply, format, 'service_requests', [{ service_request_id: row.tracking_code, token: row.token }]);
  }));
}
