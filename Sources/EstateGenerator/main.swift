print("steward-estate-gen: not written yet")
