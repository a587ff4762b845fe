export { compareVersions, fieldsOf, PRIMITIVES, propsOf, source, vim25, type DataType, type Field, type Method } from "./schema.ts";
export {
  arrayTypeName,
  decodeElement,
  decodeParams,
  DecodeError,
  encodeFaultDetail,
  encodeRequest,
  encodeResponse,
  ENVELOPE_CLOSE,
  ENVELOPE_OPEN,
  moref,
  Typed,
  type DecodeOptions,
  type EncodeOptions,
  type MoRef,
} from "./codec.ts";
export { detached, escapeXml, NS, parseXml, XmlSyntaxError, xsiType, type XmlElement } from "./xml.ts";
