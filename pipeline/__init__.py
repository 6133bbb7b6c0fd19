"""Vietnamese OCR'd history texts in, trustworthy tables out: corrections, entities and dates with raw offsets."""
__version__ = "0.1.0"
