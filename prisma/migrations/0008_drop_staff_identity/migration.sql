-- staff_identity was written on every start-up and never read: staff are recognised from the
-- desk config's staff[].identities, held in memory by the staff directory.
DROP TABLE IF EXISTS "staff_identity";
