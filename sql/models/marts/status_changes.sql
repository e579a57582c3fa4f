{{ config(materialized='view') }}
-- What moved in PREI between the last two snapshots: new contrarecibo, approved, paid, withdrawn.
WITH snapshots AS (
  SELECT snapshot_date, row_number() OVER (ORDER BY snapshot_date DESC) AS recency
  FROM {{ ref('stg_prei_snapshots') }} AS dates
),
bounds AS (
  SELECT
    max(CASE WHEN recency = 1 THEN snapshot_date END) AS current_snapshot,
    max(CASE WHEN recency = 2 THEN snapshot_date END) AS previous_snapshot
  FROM snapshots
),
{#
  An invoice moved when its run at the current snapshot began after the previous one (a run valid at both
  is one run): those runs are found first, and only their invoices are looked up at the previous snapshot.
  With one snapshot so far, every invoice is new.
#}
current_state AS (
  SELECT history.* FROM {{ ref('stg_prei_status_history') }} AS history, bounds
  WHERE history.valid_from <= bounds.current_snapshot
    AND (history.valid_to IS NULL OR history.valid_to > bounds.current_snapshot)
    AND (bounds.previous_snapshot IS NULL OR history.valid_from > bounds.previous_snapshot)
),
previous_state AS (
  SELECT history.* FROM {{ ref('stg_prei_status_history') }} AS history, bounds
  WHERE history.valid_from <= bounds.previous_snapshot
    AND (history.valid_to IS NULL OR history.valid_to > bounds.previous_snapshot)
    AND history.uuid IN (SELECT uuid FROM current_state)
),
moved AS (
  SELECT cur.uuid, cur.importe,
    prev.estado_cr AS previous_estado_cr, cur.estado_cr AS current_estado_cr,
    prev.contra_recibo AS previous_contra_recibo, cur.contra_recibo AS current_contra_recibo,
    cur_state.lifecycle_status AS current_status, prev_state.lifecycle_status AS previous_status,
    prev.uuid IS NULL AS is_new
  FROM current_state AS cur
  LEFT JOIN previous_state AS prev ON prev.uuid = cur.uuid
  LEFT JOIN {{ seed('prei_states') }} AS cur_state ON cur_state.estado_cr_key = upper(cur.estado_cr)
  LEFT JOIN {{ seed('prei_states') }} AS prev_state ON prev_state.estado_cr_key = upper(prev.estado_cr)
)
SELECT
  moved.uuid AS invoice_uuid,
  links.no_alta,
  CASE
    WHEN moved.is_new THEN 'new_in_prei'
    WHEN moved.previous_contra_recibo IS NOT NULL AND moved.current_contra_recibo IS NULL THEN 'withdrawn'
    WHEN moved.current_status = 'Pagado' AND moved.previous_status IS DISTINCT FROM 'Pagado' THEN 'paid'
    WHEN moved.current_status = 'Aprobado' AND moved.previous_status IS DISTINCT FROM 'Aprobado' THEN 'approved'
    WHEN moved.previous_contra_recibo IS NULL AND moved.current_contra_recibo IS NOT NULL THEN 'new_contrarecibo'
    ELSE 'other_change'
  END AS change_type,
  moved.previous_estado_cr, moved.current_estado_cr,
  moved.previous_contra_recibo, moved.current_contra_recibo,
  moved.importe AS amount,
  bounds.previous_snapshot, bounds.current_snapshot
FROM moved
CROSS JOIN bounds
LEFT JOIN {{ ref('int_alta_invoice_links') }} AS links ON links.invoice_uuid = moved.uuid
