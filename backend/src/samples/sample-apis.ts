import type { CreateApiDto } from 'src/apis/dto/create-api.dto.js';

type SampleApi = Omit<CreateApiDto, 'moduleId' | 'datasourceId'>;

/**
 * The APIs a newcomer can call in the first minute, over the bundled Demo database (customers, products,
 * orders, order_items). They show the template features people reach for first: {% where %}, in_list,
 * sql_like_start, paging with a total, a path parameter, and a script combining two queries.
 */
export const SAMPLE_APIS: SampleApi[] = [
  {
    name: 'Orders (filtered, paged)',
    description: 'Orders with optional status list, customer-name prefix and paging; returns the page and the total.',
    path: 'samples/orders',
    method: 'GET',
    engine: 'sql',
    accessType: 'private',
    readOnly: true,
    content: `SELECT o.id, o.status, o.ordered_at, o.total, c.name AS customer
  FROM orders o JOIN customers c ON c.id = o.customer_id
{% where %}
  {% if status %}AND o.status IN {{ status | in_list }}{% endif %}
  {% if customer %}AND c.name ILIKE {{ customer | sql_like_start }}{% endif %}
{% endwhere %}
 ORDER BY o.ordered_at DESC, o.id DESC
 LIMIT {{ limit | sql_int }} OFFSET {{ offset | sql_int }};
SELECT count(*) AS total
  FROM orders o JOIN customers c ON c.id = o.customer_id
{% where %}
  {% if status %}AND o.status IN {{ status | in_list }}{% endif %}
  {% if customer %}AND c.name ILIKE {{ customer | sql_like_start }}{% endif %}
{% endwhere %};`,
    transform: `function transform(result, params) {
  const [rows, [count]] = result.data;
  return { data: rows, total: Number(count.total), limit: params.limit, offset: params.offset };
}`,
    params: [
      { name: 'status', location: 'query', type: 'array', items: 'string', required: false, description: 'Order statuses: pending, paid, shipped, delivered, cancelled (repeat the key or separate with commas)', example: ['paid', 'shipped'] },
      { name: 'customer', location: 'query', type: 'string', required: false, maxLength: 100, description: 'Customer name prefix', example: 'A' },
      { name: 'limit', location: 'query', type: 'integer', required: false, default: 20, minimum: 1, maximum: 100, description: 'Page size' },
      { name: 'offset', location: 'query', type: 'integer', required: false, default: 0, minimum: 0, description: 'Rows to skip' },
    ],
  },
  {
    name: 'Customer by id',
    description: 'One customer, looked up by the path parameter.',
    path: 'samples/customers/{id}',
    method: 'GET',
    engine: 'sql',
    accessType: 'private',
    readOnly: true,
    content: 'SELECT id, name, email, country, city, created_at, is_active FROM customers WHERE id = {{ id }}',
    params: [{ name: 'id', location: 'path', type: 'integer', required: true, minimum: 1, description: 'Customer id', example: 1 }],
  },
  {
    name: 'Customer summary (script)',
    description: 'A script that combines two queries: the customer and their order totals.',
    path: 'samples/customers/{id}/summary',
    method: 'GET',
    engine: 'script',
    accessType: 'private',
    readOnly: true,
    content: `const customer = await db.queryOne('SELECT id, name, country FROM customers WHERE id = $1', [params.id]);
if (!customer) return { success: false, status: 404, message: 'No such customer', data: [] };
const orders = await db.queryOne(
  'SELECT count(*)::int AS orders, coalesce(sum(total), 0)::text AS spent FROM orders WHERE customer_id = $1', [params.id]);
return { data: [{ ...customer, ...orders }] };`,
    params: [{ name: 'id', location: 'path', type: 'integer', required: true, minimum: 1, description: 'Customer id', example: 1 }],
  },
];
