-- Placeholder for the governance migration so that V003 is discovered on the drift branch; replaced by gov's V002 at merge
SELECT 1;
