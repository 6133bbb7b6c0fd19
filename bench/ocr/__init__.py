"""OCR-noise benchmark: real tesseract output on rendered, degraded pages of Vietnamese history prose."""
