from . import completion_certificate
