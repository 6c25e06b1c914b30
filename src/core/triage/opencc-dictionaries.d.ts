// opencc-js ships its dictionaries and locale presets as plain modules without types.
declare module 'opencc-js/dict/STCharacters' {
  const dictionary: string;
  export default dictionary;
}
declare module 'opencc-js/from/hk' {
  import type { DictGroup } from 'opencc-js/core';
  const groups: readonly DictGroup[];
  export default groups;
}
declare module 'opencc-js/to/cn' {
  import type { DictGroup } from 'opencc-js/core';
  const groups: readonly DictGroup[];
  export default groups;
}
