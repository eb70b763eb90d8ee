"""The offline gazetteer: built once from GeoNames and Natural Earth, then loaded and looked up."""
