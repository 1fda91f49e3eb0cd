import { useEffect, useId, useState } from 'react';

/** Longest side of an uploaded photo: enough for document recognition, a fraction of a phone's original. */
const MAX_SIDE = 1600;
const JPEG_QUALITY = 0.88;

/** Re-encodes a photo as a JPEG no larger than MAX_SIDE; the original when the browser cannot decode it. */
async function downscale(file: File): Promise<File> {
  try {
    const bitmap = await createImageBitmap(file);
    const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(bitmap.width * scale);
    canvas.height = Math.round(bitmap.height * scale);
    canvas.getContext('2d')?.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    bitmap.close();
    const blob = await new Promise<Blob | null>((resolve) => {
      canvas.toBlob(resolve, 'image/jpeg', JPEG_QUALITY);
    });
    if (!blob) return file;
    return new File([blob], file.name.replace(/\.\w+$/, '') + '.jpg', { type: 'image/jpeg' });
  } catch {
    return file;
  }
}

/**
 * A photo input with a preview. With scripts on, the photo is shrunk in the browser before upload;
 * without them the form still sends the original.
 */
export function ImageInput({
  name,
  label,
  hint,
  capture,
  required = true,
}: {
  name: string;
  label: string;
  hint?: string;
  capture?: 'user' | 'environment';
  required?: boolean;
}) {
  const id = useId();
  const [preview, setPreview] = useState<string | null>(null);
  useEffect(
    () => () => {
      if (preview) URL.revokeObjectURL(preview);
    },
    [preview],
  );
  return (
    <div>
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <input
        id={id}
        name={name}
        type="file"
        accept="image/jpeg,image/png"
        required={required}
        {...(capture ? { capture } : {})}
        aria-describedby={hint ? `${id}-hint` : undefined}
        className="block w-full text-slate-800 file:mr-3 file:min-h-11 file:rounded-lg file:border-0 file:bg-brand-600 file:px-4 file:font-semibold file:text-white"
        onChange={(event) => {
          const input = event.currentTarget;
          const original = input.files?.[0];
          if (!original) {
            setPreview(null);
            return;
          }
          void downscale(original).then((file) => {
            if (file !== original) {
              const transfer = new DataTransfer();
              transfer.items.add(file);
              input.files = transfer.files;
            }
            setPreview(URL.createObjectURL(file));
          });
        }}
      />
      {hint && (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      )}
      {preview && (
        <img
          src={preview}
          alt={label}
          className="mt-3 max-h-56 w-auto rounded-lg border border-slate-300 object-contain"
        />
      )}
    </div>
  );
}
