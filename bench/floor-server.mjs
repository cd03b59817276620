// The floor of the lookup benchmark: a bare node:http server answering the lookup's single SQL
// query (PUBLIC_LOOKUP_SQL, passed in FLOOR_SQL by bench/run.ts) through `pg` (or PGlite
// in-process), with no framework, validation, rate limit or formatting.
import http from 'node:http';

const QUERY = process.env.FLOOR_SQL;
if (!QUERY) throw new Error('FLOOR_SQL is required');

const [, , port, target] = process.argv;
let query;
if (target.startsWith('postgres')) {
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString: target, max: 10 });
  // Named, as the application runs it (src/server/db/prepared.ts): parsed and planned once per connection.
  query = async (code) => (await pool.query({ name: 'public_lookup', text: QUERY, values: [code] })).rows[0];
} else {
  const { PGlite } = await import('@electric-sql/pglite');
  const db = new PGlite(target);
  query = async (code) => (await db.query(QUERY, [code])).rows[0];
}
http
  .createServer(async (req, res) => {
    const row = await query(decodeURIComponent(req.url.split('/').pop()));
    res.writeHead(row ? 200 : 404, { 'content-type': 'application/json' });
    res.end(JSON.stringify(row ?? null));
  })
  .listen(Number(port), '127.0.0.1', () => console.log('ready'));
